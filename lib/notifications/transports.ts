import 'server-only';
import { createHash } from 'node:crypto';
import { env, isDemo } from '@/lib/env';

export type OutgoingEmail = {
  from: string;
  to: { email: string; name: string };
  subject: string;
  html: string;
  text: string;
  /** The notification's idempotency key: Resend's Idempotency-Key, and the basis of the SMTP Message-ID. */
  idempotencyKey: string;
};

export type TransportName = 'resend' | 'smtp' | 'mailbox' | 'none';

/** What became of one email of a batch. */
export type SendResult = { ok: true; providerMessageId: string } | { ok: false; error: string };

export type Transport = {
  name: TransportName;
  /** Resolves with the provider's message id; throws when the provider refused or could not be reached. */
  send: (mail: OutgoingEmail) => Promise<{ providerMessageId: string }>;
  /**
   * Several emails in one request, where the provider has a batch API: one result per email, in order.
   * Throws when the whole request failed. The dispatcher uses it instead of `send` when present.
   */
  sendBatch?: (mails: OutgoingEmail[]) => Promise<SendResult[]>;
  /** How many emails one sendBatch call takes. */
  batchLimit?: number;
};

/** Same key, same Message-ID: a re-sent copy is recognisably the same message to mail clients and logs. */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'brigada.local';
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`;
}

/** Open SMTP connections per dispatcher, and messages sent over one before it is replaced. */
const SMTP_CONNECTIONS = 8;
const SMTP_MESSAGES_PER_CONNECTION = 1_000;

export function smtpTransport(url: string): Transport {
  // Created on first use; nodemailer's pool keeps its connections open between sends and queues the sends of
  // a claimed batch across them, so a batch costs no connection set-ups.
  let transporter: import('nodemailer').Transporter | undefined;
  return {
    name: 'smtp',
    async send(mail) {
      if (!transporter) {
        const nodemailer = await import('nodemailer');
        // Short timeouts: a send must end well inside the dispatcher's claim lease.
        const u = new URL(url);
        transporter = nodemailer.createTransport({
          host: u.hostname,
          port: u.port ? Number(u.port) : undefined,
          secure: u.protocol === 'smtps:',
          auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
          pool: true,
          maxConnections: SMTP_CONNECTIONS,
          maxMessages: SMTP_MESSAGES_PER_CONNECTION,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        });
      }
      const info = await transporter.sendMail({
        from: mail.from,
        to: { name: mail.to.name, address: mail.to.email },
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: messageIdFor(mail.idempotencyKey, mail.from),
        // Base64 bodies: a third of the CPU of quoted-printable (which nodemailer picks for mostly-ASCII HTML and
        // encodes character by character) and a quarter fewer bytes; every mail client reads both.
        textEncoding: 'base64',
      });
      return { providerMessageId: info.messageId };
    },
  };
}

export type ResendTransportOptions = {
  /** The API's address; the SDK's default (or RESEND_BASE_URL) when absent. A stand-in's address in tests. */
  baseUrl?: string;
  /** Requests a second the team may make: Resend's default limit is 2, shared by every key and process. */
  requestsPerSecond?: number;
  /** How many times one request answered 429 is tried again (after Retry-After) before its emails fail. */
  maxRetries?: number;
  /** Longest wait for one Retry-After; a longer one fails the request, so the claim lease is not outrun. */
  maxWaitMs?: number;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Paces requests to at most `perSecond` across every caller in this process (dispatchers share the team's
 * limit) and holds them all back after a 429 until Retry-After has passed.
 */
function requestPacer(perSecond: number) {
  // Resend counts a request when it arrives, which is somewhere between its start and its answer, and an upload
  // of 100 emails takes longer than one of 50: spacing the starts evenly lets two arrivals come closer than that
  // (a 429 seen in CI). So a request starts no sooner than a second after the answer to the request `perSecond`
  // places before it: whatever the uploads take, no second then holds more than `perSecond` arrivals.
  const answers: Promise<number>[] = [];
  let heldUntil = 0;
  let queue: Promise<void> = Promise.resolve();
  return {
    /** Waits for this request's turn; call the function it returns once the request is answered or failed. */
    turn(): Promise<() => void> {
      let answered!: (at: number) => void;
      const answer = new Promise<number>((resolve) => (answered = resolve));
      const mine = queue.then(async () => {
        const oldest = answers.length >= perSecond ? await answers.shift() : undefined;
        const wait = Math.max(oldest === undefined ? 0 : oldest + 1000, heldUntil) - Date.now();
        if (wait > 0) await sleep(wait);
        answers.push(answer);
      });
      queue = mine;
      return mine.then(() => () => answered(Date.now()));
    },
    holdFor(ms: number): void {
      heldUntil = Math.max(heldUntil, Date.now() + ms);
    },
  };
}

/** Seconds of a Retry-After (or ratelimit-reset) header, as milliseconds; 1 s when absent or unreadable. */
function retryAfterMs(headers: Record<string, string> | null): number {
  const v = Number(headers?.['retry-after'] ?? headers?.['ratelimit-reset']);
  return Number.isFinite(v) && v >= 0 ? Math.ceil(v * 1000) : 1000;
}

const RESEND_BATCH_LIMIT = 100;

export function resendTransport(apiKey: string, opts: ResendTransportOptions = {}): Transport {
  // Lazy: the SDK is constructed on the first send, never at import (it throws without a key).
  let client: import('resend').Resend | undefined;
  const pacer = requestPacer(opts.requestsPerSecond ?? 2);
  const maxRetries = opts.maxRetries ?? 5;
  const maxWaitMs = opts.maxWaitMs ?? 60_000;
  const resend = async () => {
    if (!client) {
      const { Resend } = await import('resend');
      client = new Resend(apiKey, opts.baseUrl ? { baseUrl: opts.baseUrl } : undefined);
    }
    return client;
  };
  /**
   * One API call, paced, tried again after Retry-After while it is answered 429, and after a second when it
   * never got an answer (the SDK's application_error without a status: a connection refused or reset, e.g.
   * a kept-alive socket the other side had closed). Both repeats carry the same Idempotency-Key, so Resend
   * answers a request it did receive with its first answer instead of sending again.
   */
  async function call<T>(
    request: (c: import('resend').Resend) => Promise<{
      data: T | null;
      error: { name: string; message: string; statusCode?: number | null } | null;
      headers: Record<string, string> | null;
    }>,
  ): Promise<T> {
    const c = await resend();
    for (let attempt = 0; ; attempt++) {
      const answered = await pacer.turn();
      const { data, error, headers } = await request(c).finally(answered);
      if (data && !error) return data;
      const limited = error?.statusCode === 429 || error?.name === 'rate_limit_exceeded';
      const unanswered = !limited && error?.name === 'application_error' && !error.statusCode;
      const wait = limited ? retryAfterMs(headers) : 1000;
      if (limited || unanswered) pacer.holdFor(wait);
      if (!(limited || unanswered) || attempt >= maxRetries || wait > maxWaitMs)
        throw new Error(`Resend: ${error?.name ?? 'error'}: ${error?.message ?? 'no data'}`);
    }
  }
  const payload = (mail: OutgoingEmail) => ({
    from: mail.from,
    to: [`${mail.to.name} <${mail.to.email}>`],
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
  });
  return {
    name: 'resend',
    batchLimit: RESEND_BATCH_LIMIT,
    async send(mail) {
      // Resend keeps an idempotency key for 24 h: a second send with the same key returns the first email.
      const data = await call((c) =>
        c.emails.send(payload(mail), { idempotencyKey: mail.idempotencyKey.slice(0, 256) }),
      );
      return { providerMessageId: data.id };
    },
    async sendBatch(mails) {
      // The batch endpoint takes one Idempotency-Key for the whole request: the same claimed emails sent again
      // (an expired lease) make the same key. Permissive validation: one bad address fails only its email.
      const key = `batch:${createHash('sha256')
        .update(mails.map((m) => m.idempotencyKey).join('\n'))
        .digest('hex')}`;
      const result = await call((c) =>
        c.batch.send(mails.map(payload), { idempotencyKey: key, batchValidation: 'permissive' }),
      );
      const failed = new Map(result.errors.map((e) => [e.index, e.message]));
      // Resend lists the created emails in request order, skipping the ones it refused.
      const ids = [...result.data];
      return mails.map((_, i): SendResult => {
        const refused = failed.get(i);
        if (refused !== undefined) return { ok: false, error: `Resend: ${refused}`.slice(0, 2000) };
        const created = ids.shift();
        return created ? { ok: true, providerMessageId: created.id } : { ok: false, error: 'Resend: no id returned' };
      });
    },
  };
}

/** The development mailbox: the email is already stored on its outbox row; "sending" only marks it delivered. */
export const mailboxTransport: Transport = {
  name: 'mailbox',
  send: async (mail) => ({
    providerMessageId: `mailbox:${createHash('sha256').update(mail.idempotencyKey).digest('hex').slice(0, 16)}`,
  }),
};

/** A production server with no provider configured: every send fails, so emails wait (and show up as failing). */
const noTransport: Transport = {
  name: 'none',
  send: async () => {
    throw new Error('No email transport configured: set RESEND_API_KEY or SMTP_URL');
  },
};

/**
 * The development mailbox is on when no provider is configured and the demo features are asked for
 * (`next dev`, tests, or BRIGADA_DEMO=1 as on the e2e server). A production server without a provider gets
 * no mailbox: its emails fail and wait visibly in /admin/outbox instead of being shown to anyone, and
 * /dev/mailbox is a 404 there.
 */
export function mailboxEnabled(): boolean {
  const e = env();
  if (e.RESEND_API_KEY || e.SMTP_URL) return false;
  return isDemo(e);
}

let configured: Transport | undefined;

/** Resend when RESEND_API_KEY, else SMTP when SMTP_URL, else the development mailbox (see mailboxEnabled). */
export function transportFromEnv(): Transport {
  if (configured) return configured;
  const e = env();
  configured = e.RESEND_API_KEY
    ? resendTransport(e.RESEND_API_KEY, { requestsPerSecond: e.RESEND_REQUESTS_PER_SECOND })
    : e.SMTP_URL
      ? smtpTransport(e.SMTP_URL)
      : mailboxEnabled()
        ? mailboxTransport
        : noTransport;
  return configured;
}
