import 'server-only';
import '@/lib/composition';
import type { z } from 'zod';
import type { Role } from '@/db/schema';
import { type Actor } from '@/lib/auth';
import { requireApiRole } from '@/lib/session';
import { toFormState, type FormState } from '@/lib/errors';

/**
 * Wraps a server action: the input is re-parsed with the same zod schema the form used, domain errors
 * come back as form state, and anything else (redirects included) is re-thrown.
 * Every server action is a public POST endpoint, so the guard runs here, not in the page.
 */
export function publicAction<S extends z.ZodType, T>(schema: S, fn: (input: z.output<S>) => Promise<T>) {
  return async (raw: z.input<S>): Promise<FormState<T>> => {
    try {
      return { ok: true, data: await fn(schema.parse(raw)) };
    } catch (error) {
      return toFormState(error);
    }
  };
}

/** Like publicAction, for a signed-in actor with one of the roles. */
export function roleAction<S extends z.ZodType, T>(
  roles: Role[],
  schema: S,
  fn: (input: z.output<S>, actor: Actor) => Promise<T>,
) {
  return async (raw: z.input<S>): Promise<FormState<T>> => {
    try {
      const actor = await requireApiRole(...roles);
      return { ok: true, data: await fn(schema.parse(raw), actor) };
    } catch (error) {
      return toFormState(error);
    }
  };
}
