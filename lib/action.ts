import 'server-only';
import '@/lib/composition';
import { headers } from 'next/headers';
import type { z } from 'zod';
import type { Role } from '@/db/schema';
import { type Actor } from '@/lib/auth';
import { requireApiRole } from '@/lib/session';
import { DomainError, toFormState, type FormState } from '@/lib/errors';
import { errorKind, log, requestIdFrom, withRequestContext } from '@/lib/log';
import { withSpan } from '@/lib/trace';

/**
 * Runs a server action inside a request context and a span, and logs one `handled` line: the request id (from
 * proxy.ts), the action's id (Next's `next-action` header: the page path is on the proxy's line for the same
 * request), the outcome (ok, a domain error's code, or thrown: redirects and unexpected errors), the duration
 * and, once resolved, the actor's id and role.
 */
async function observed<T>(run: () => Promise<FormState<T>>): Promise<FormState<T>> {
  let requestHeaders: Headers;
  try {
    requestHeaders = await headers();
  } catch {
    requestHeaders = new Headers(); // called outside a request (scripts, tests)
  }
  const action = requestHeaders.get('next-action') ?? 'unknown';
  const ctx = { requestId: requestIdFrom(requestHeaders), route: `action:${action}` };
  return withRequestContext(ctx, () =>
    withSpan('server action', { 'brigada.action': action, 'brigada.request_id': ctx.requestId }, async (span) => {
      const started = performance.now();
      const durationMs = () => Math.round(performance.now() - started);
      try {
        const result = await run();
        const outcome = result.ok ? 'ok' : 'refused';
        span.setAttribute('brigada.outcome', outcome);
        log().info({ outcome, durationMs: durationMs() }, 'handled');
        return result;
      } catch (error) {
        // Redirects and notFound() are thrown too; they are outcomes, not failures.
        log().info({ outcome: 'thrown', err: errorKind(error), durationMs: durationMs() }, 'handled');
        throw error;
      }
    }),
  );
}

/**
 * A domain error or a zod error as form state. The refusal's key, and its detail for the people reading logs
 * (which limit, which order), go on the request's log line; the person sees only the key, in their language.
 */
function refused(error: unknown) {
  const state = toFormState(error);
  const detail = error instanceof DomainError ? error.detail : undefined;
  log().info({ refused: errorKind(error), key: state.message, ...(detail ? { detail } : {}) }, 'refused');
  return state;
}

/**
 * Wraps a server action: the input is re-parsed with the same zod schema the form used, domain errors
 * come back as form state, and anything else (redirects included) is re-thrown.
 * Every server action is a public POST endpoint, so the guard runs here, not in the page.
 */
export function publicAction<S extends z.ZodType, T>(schema: S, fn: (input: z.output<S>) => Promise<T>) {
  return async (raw: z.input<S>): Promise<FormState<T>> =>
    observed(async () => {
      try {
        return { ok: true, data: await fn(schema.parse(raw)) };
      } catch (error) {
        return refused(error);
      }
    });
}

/** Like publicAction, for a signed-in actor with one of the roles. */
export function roleAction<S extends z.ZodType, T>(
  roles: Role[],
  schema: S,
  fn: (input: z.output<S>, actor: Actor) => Promise<T>,
) {
  return async (raw: z.input<S>): Promise<FormState<T>> =>
    observed(async () => {
      try {
        const actor = await requireApiRole(...roles);
        return { ok: true, data: await fn(schema.parse(raw), actor) };
      } catch (error) {
        return refused(error);
      }
    });
}
