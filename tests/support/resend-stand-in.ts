// A local stand-in for Resend's sending API, speaking its wire format for the calls Brigada makes (POST /emails
// and POST /emails/batch) and refusing what Resend refuses, as its API reference describes it:
// - a missing or wrong `Authorization: Bearer` key: 401 missing_api_key / 403 invalid_api_key;
// - a batch that is not an array of 1–100 emails: 422 validation_error;
// - an email without from, to, subject, or both html and text: 422 missing_required_field; more than 50
//   recipients, or `attachments` / `scheduled_at` in a batch (not supported there): 422 validation_error. Under
//   `x-batch-validation: strict` (the default) one bad email refuses the whole batch; under `permissive` the
//   good ones are sent and the bad ones listed in `errors: [{ index, message }]`;
// - an Idempotency-Key outside 1–256 characters: 400 invalid_idempotency_key; the same key with a different
//   body: 409 invalid_idempotent_request; the same key and body again: the first answer, nothing sent twice;
// - more than `requestsPerSecond` requests in any second (the team's limit, default 2), or the next n after
//   `limitNext(n)`: 429 rate_limit_exceeded with retry-after and ratelimit-* headers.
// `dropNext(n)` cuts the next n connections unanswered (status 0 in `requests`).
// An address at refused.example is refused per email (a validation error), as an undeliverable `to` is.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomUUID } from 'node:crypto';

export const RESEND_STAND_IN_KEY = 're_test';

/** One email as the API takes it. */
export type ResendEmailBody = {
  from?: string;
  to?: string | string[];
  subject?: string;
  html?: string;
  text?: string;
  attachments?: unknown[];
  scheduled_at?: string;
  [field: string]: unknown;
};

export type ResendRequest = {
  at: number;
  path: string;
  status: number;
  headers: IncomingMessage['headers'];
  body: unknown;
};

type Answer = { status: number; body: unknown; headers?: Record<string, string> };

const error = (status: number, name: string, message: string): Answer => ({
  status,
  body: { statusCode: status, name, message },
});

/** Why Resend would refuse this email, or null. */
function refusal(email: ResendEmailBody, inBatch: boolean): { name: string; message: string } | null {
  const missing = (['from', 'to', 'subject'] as const).filter((f) => !email[f] || email[f].length === 0);
  if (missing.length) return { name: 'missing_required_field', message: `Missing \`${missing.join('`, `')}\` field.` };
  if (!email.html && !email.text) return { name: 'missing_required_field', message: 'Missing `html` or `text` field.' };
  const to = Array.isArray(email.to) ? email.to : [email.to!];
  if (to.length > 50) return { name: 'validation_error', message: 'The `to` field must have at most 50 recipients.' };
  if (inBatch && (email.attachments !== undefined || email.scheduled_at !== undefined))
    return { name: 'validation_error', message: 'Attachments and scheduling are not supported in batch sending.' };
  if (to.some((t) => t.includes('@refused.example')))
    return { name: 'validation_error', message: 'The `to` field is not a deliverable address.' };
  return null;
}

export async function startResendStandIn(opts: { requestsPerSecond?: number } = {}) {
  const perSecond = opts.requestsPerSecond ?? 2;
  const requests: ResendRequest[] = [];
  /** Every email sent (accepted), with the id it was given. */
  const sent: { id: string; email: ResendEmailBody }[] = [];
  const idempotent = new Map<string, { digest: string; answer: Answer }>();
  let limited = 0;
  let dropped = 0;
  const recent: number[] = [];

  function handle(req: IncomingMessage, raw: string): Answer {
    const auth = req.headers.authorization;
    if (!auth) return error(401, 'missing_api_key', 'Missing API key in the authorization header.');
    if (auth !== `Bearer ${RESEND_STAND_IN_KEY}`) return error(403, 'invalid_api_key', 'API key is invalid.');
    const now = Date.now();
    while (recent.length && recent[0] <= now - 1000) recent.shift();
    if (limited > 0 || recent.length >= perSecond) {
      if (limited > 0) limited--;
      const answer = error(
        429,
        'rate_limit_exceeded',
        `Too many requests. You can only make ${perSecond} requests per second.`,
      );
      answer.headers = {
        'retry-after': '1',
        'ratelimit-limit': String(perSecond),
        'ratelimit-remaining': '0',
        'ratelimit-reset': '1',
      };
      return answer;
    }
    recent.push(now);
    const key = req.headers['idempotency-key'];
    if (typeof key === 'string' && (key.length < 1 || key.length > 256))
      return error(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.');
    const digest = createHash('sha256').update(`${req.url}\n${raw}`).digest('hex');
    const earlier = typeof key === 'string' ? idempotent.get(key) : undefined;
    if (earlier && earlier.digest !== digest)
      return error(409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload.');
    if (earlier) return earlier.answer;
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return error(422, 'validation_error', 'Invalid JSON body.');
    }
    const answer = req.url === '/emails/batch' ? batch(body, req.headers['x-batch-validation']) : single(body);
    if (typeof key === 'string' && answer.status === 200) idempotent.set(key, { digest, answer });
    return answer;
  }

  function accept(email: ResendEmailBody): { id: string } {
    const id = randomUUID();
    sent.push({ id, email });
    return { id };
  }

  function single(body: unknown): Answer {
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return error(422, 'validation_error', 'The body must be an email object.');
    const refused = refusal(body as ResendEmailBody, false);
    return refused ? error(422, refused.name, refused.message) : { status: 200, body: accept(body as ResendEmailBody) };
  }

  function batch(body: unknown, mode: string | string[] | undefined): Answer {
    if (!Array.isArray(body) || body.length === 0)
      return error(422, 'validation_error', 'The body must be an array of 1 to 100 emails.');
    if (body.length > 100) return error(422, 'validation_error', 'Too many emails: a batch takes at most 100.');
    const emails = body as ResendEmailBody[];
    const errors = emails.flatMap((e, index) => {
      const r = refusal(e, true);
      return r ? [{ index, message: r.message }] : [];
    });
    if (mode !== 'permissive' && errors.length) {
      const first = refusal(emails[errors[0].index], true)!;
      return error(422, first.name, `emails[${errors[0].index}]: ${first.message}`);
    }
    const refusedAt = new Set(errors.map((e) => e.index));
    const data = emails.filter((_, i) => !refusedAt.has(i)).map(accept);
    return { status: 200, body: mode === 'permissive' ? { data, errors } : { data } };
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      if (dropped > 0) {
        // The connection is cut with no answer, as a reset or a closed kept-alive socket looks to the client.
        dropped--;
        requests.push({ at: Date.now(), path: req.url ?? '', status: 0, headers: req.headers, body: null });
        req.socket.destroy();
        return;
      }
      const known = req.method === 'POST' && (req.url === '/emails' || req.url === '/emails/batch');
      const answer = known ? handle(req, raw) : error(404, 'not_found', 'The requested endpoint does not exist.');
      let body: unknown = null;
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
      requests.push({ at: Date.now(), path: req.url ?? '', status: answer.status, headers: req.headers, body });
      res.statusCode = answer.status;
      res.setHeader('content-type', 'application/json');
      for (const [h, v] of Object.entries(answer.headers ?? {})) res.setHeader(h, v);
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    sent,
    /** Answers the next n requests 429, whatever the rate. */
    limitNext(n: number) {
      limited = n;
    },
    /** Cuts the next n requests' connections without an answer. */
    dropNext(n: number) {
      dropped = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type ResendStandIn = Awaited<ReturnType<typeof startResendStandIn>>;
