import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';
import type { Role } from '@/db/schema/auth';

/*
 * Structured JSON logs (pino), one line per event, on stdout.
 *
 * How a request is logged. The App Router has no hook that runs after every response, so the request is
 * logged in three places that share one request id:
 *   1. proxy.ts takes the request's `x-request-id` (or makes one), hands it on as a request header and puts it
 *      on the response, and logs `request` with the method, path and what the proxy decided (redirect or pass).
 *   2. Route handlers (observeRoute) and server actions (lib/action.ts) run inside a request context and log
 *      `handled` with the route, status, duration and the actor's id and role, once they are known.
 *   3. instrumentation.ts `onRequestError` logs every unhandled error with the request id and the digest the
 *      error page shows, so a user's "reference" leads to the failing request.
 * Pages are covered by 1 and 3 (their final status and timing are in the request's trace span).
 *
 * Never logged: emails, names, tokens, passwords, cookies, query strings. Log only ids, roles, counts and
 * codes; the redaction below is a second line of defence, not the first.
 */

export type LogActor = { id: string; role: Role };
export type RequestContext = { requestId: string; route?: string; actor?: LogActor };

const storage = new AsyncLocalStorage<RequestContext>();

const REDACT = [
  'email',
  'name',
  'password',
  'token',
  'secret',
  'authorization',
  'cookie',
  '*.email',
  '*.name',
  '*.password',
  '*.token',
  '*.secret',
  '*.authorization',
  '*.cookie',
];

/** LOG_LEVEL, else 'silent' under the test runner (quiet test output) and 'info' everywhere else. */
function level(): string {
  const configured = process.env.LOG_LEVEL;
  if (configured) return configured;
  return process.env.VITEST ? 'silent' : 'info';
}

let root: Logger | undefined;

/** A logger writing to the given stream (tests capture lines this way); the level defaults as above. */
export function createLogger(destination?: pino.DestinationStream, opts: { level?: string } = {}): Logger {
  return pino(
    {
      level: opts.level ?? level(),
      base: { service: 'brigada' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: '[redacted]' },
    },
    destination,
  );
}

/** The process's logger. */
export function logger(): Logger {
  root ??= createLogger();
  return root;
}

/** Replaces the process's logger (tests); returns the one it replaced. */
export function setLogger(next: Logger): Logger {
  const previous = logger();
  root = next;
  return previous;
}

/** The logger with the current request's id, route and actor (when there is a request). */
export function log(): Logger {
  const ctx = storage.getStore();
  if (!ctx) return logger();
  return logger().child({
    requestId: ctx.requestId,
    ...(ctx.route ? { route: ctx.route } : {}),
    ...(ctx.actor ? { actorId: ctx.actor.id, role: ctx.actor.role } : {}),
  });
}

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * The id a request goes by: the one a proxy in front of us set (a short token of safe characters), else a new one.
 * Anything else a client sends is replaced, so a log line cannot be forged or stuffed through this header.
 */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER);
  return given && /^[A-Za-z0-9._:-]{8,128}$/.test(given) ? given : crypto.randomUUID();
}

export function requestContext(): RequestContext | undefined {
  return storage.getStore();
}

/** Runs fn with a request context, so log() and nested code see the request id. */
export function withRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/** Records who is acting on the current request (lib/session calls it once the actor is resolved): id and role only. */
export function noteActor(actor: LogActor): void {
  const ctx = storage.getStore();
  if (ctx) ctx.actor = { id: actor.id, role: actor.role };
}

/** The code of a thrown value for a log line (never its message, which may quote input). */
export function errorKind(error: unknown): string {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if (error instanceof Error) return error.name;
  }
  return typeof error;
}

// Paths whose last segment is a credential (single-use links, a calendar feed's secret URL).
const SECRET_PATHS = [/^(\/invite\/)[^/]+/, /^(\/reset-password\/)[^/]+/, /^(\/api\/workers\/calendar\/)[^/]+/];

/** The path as it may be logged: credentials in the path become `[token]`; the query string is never included. */
export function loggablePath(pathname: string): string {
  for (const pattern of SECRET_PATHS) if (pattern.test(pathname)) return pathname.replace(pattern, '$1[token]');
  return pathname;
}

/**
 * Wraps a route handler: it runs in a request context (the proxy's request id; the route pattern, never the
 * concrete path) and logs one `handled` line with the status, duration and actor once the response is made.
 */
export function observeRoute<R extends Request, A extends unknown[]>(
  route: string,
  handler: (request: R, ...rest: A) => Promise<Response>,
): (request: R, ...rest: A) => Promise<Response> {
  return (request, ...rest) => {
    const ctx: RequestContext = { requestId: requestIdFrom(request.headers), route };
    return withRequestContext(ctx, async () => {
      const started = performance.now();
      const durationMs = () => Math.round(performance.now() - started);
      try {
        const response = await handler(request, ...rest);
        log().info({ method: request.method, status: response.status, durationMs: durationMs() }, 'handled');
        return response;
      } catch (error) {
        log().error(
          { method: request.method, status: 500, durationMs: durationMs(), err: errorKind(error) },
          'handled',
        );
        throw error;
      }
    });
  };
}

export type ErroredRequest = { path: string; method: string; headers: Record<string, string | string[] | undefined> };
export type ErrorContext = { routePath?: string; routeType?: string };

/**
 * instrumentation.ts `onRequestError`: one `request failed` line per unhandled server error, with the request id
 * (set by proxy.ts) and the error's digest, which the error page shows the user as the reference to quote. The
 * error's class and message go with it (a message names what broke, not whose data); the query string does not.
 */
export function recordRequestError(error: unknown, request: ErroredRequest, context: ErrorContext): void {
  const header = request.headers[REQUEST_ID_HEADER];
  const requestId = Array.isArray(header) ? header[0] : header;
  const digest =
    error && typeof error === 'object' && 'digest' in error ? String((error as { digest: unknown }).digest) : undefined;
  logger().error(
    {
      requestId: requestId ?? null,
      digest: digest ?? null,
      method: request.method,
      route: context.routePath ?? loggablePath(request.path.split('?')[0]),
      routeType: context.routeType,
      status: 500,
      err: {
        type: errorKind(error),
        message: error instanceof Error ? error.message.slice(0, 300) : undefined,
      },
    },
    'request failed',
  );
}
