import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import type { FormState } from '@/lib/errors';

type Failure = { ok: false; message: string; fields: Record<string, string> };

/**
 * Puts a server action's field errors next to their fields. Returns the form-level message to show,
 * or undefined when every error found its field.
 */
export function applyServerErrors<T extends FieldValues, O>(
  form: UseFormReturn<T, unknown, O>,
  failure: Failure,
): string | undefined {
  const known = new Set(Object.keys(form.getValues()));
  let unplaced = false;
  for (const [field, message] of Object.entries(failure.fields)) {
    if (known.has(field.split('.')[0])) form.setError(field as Path<T>, { type: 'server', message });
    else unplaced = true;
  }
  return unplaced || Object.keys(failure.fields).length === 0 ? failure.message : undefined;
}

/**
 * The failure of an action that takes the form nested under one key (`{ id, service }`): its field errors named
 * as the form names them ('service.code' is 'code').
 */
export function unnested<T>(result: FormState<T>, key: string): FormState<T> {
  if (result.ok) return result;
  const prefix = `${key}.`;
  const fields = Object.fromEntries(
    Object.entries(result.fields).map(([k, v]) => [k.startsWith(prefix) ? k.slice(prefix.length) : k, v]),
  );
  return { ...result, fields };
}
