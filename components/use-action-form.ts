'use client';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import {
  get,
  useForm,
  type DefaultValues,
  type FieldError,
  type FieldValues,
  type Path,
  type UseFormReturn,
} from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import type { FormState } from '@/lib/errors';
import { applyServerErrors } from '@/components/form-errors';

export type Failure = Extract<FormState, { ok: false }>;

export type ActionFormOptions<Out, T> = {
  /** After a success: reset the form, show a notice, navigate. */
  onSuccess?: (data: T | undefined, values: Out) => void;
  /** Re-render the page's server data after a success. */
  refresh?: boolean;
  /** The form-level message for a failure whose field errors all found their fields (default: none). */
  unplaced?: (failure: Failure) => string | undefined;
  /**
   * A failure the form explains itself (a conflict list, a quantity still available): its message, shown instead
   * of placing the field errors; undefined for the usual placing.
   */
  explain?: (failure: Failure) => string | undefined;
};

/**
 * The one flow of the app's forms: the zod schema validates in the browser, `submit` calls the server action
 * (which re-parses with the same schema), field errors land next to their fields and the rest becomes the
 * form's message, and a success may refresh the page's data.
 */
export function useActionForm<In extends FieldValues, Out, T = undefined>(
  schema: z.ZodType<Out, In>,
  defaultValues: NoInfer<DefaultValues<In>>,
  submit: (values: Out, form: UseFormReturn<In, unknown, Out>) => Promise<FormState<T>>,
  options: ActionFormOptions<Out, T> = {},
) {
  const router = useRouter();
  const [message, setMessage] = useState<string>();
  const form = useForm<In, unknown, Out>({ resolver: zodResolver(schema), defaultValues });
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(undefined);
    const result = await submit(values, form);
    if (!result.ok) {
      const explained = options.explain?.(result);
      setMessage(explained ?? applyServerErrors(form, result) ?? options.unplaced?.(result));
      return;
    }
    options.onSuccess?.(result.data, values);
    if (options.refresh) router.refresh();
  });
  const { errors, isSubmitting } = form.formState;
  /** A field's registration and its error, for a field component: `<TextField label={…} {...bind('a.0.b')} />`. */
  const bind = <N extends Path<In>>(name: N) => ({
    ...form.register(name),
    error: (get(errors, name) as FieldError | undefined)?.message,
  });
  return { form, errors, isSubmitting, message, setMessage, onSubmit, bind };
}

/**
 * The editor of one record (a service, a quality form): it saves the raw values (the action re-parses them),
 * says "saved" after a success, opens the new record's page once created and refreshes an existing one.
 */
export function useRecordForm<In extends FieldValues, Out>(
  schema: z.ZodType<Out, In>,
  defaultValues: NoInfer<DefaultValues<In>>,
  save: (raw: In) => Promise<FormState<{ id: string }>>,
  options: { isNew: boolean; href: (id: string) => string; fixErrors: string },
) {
  const router = useRouter();
  const [saved, setSaved] = useState(false);
  const editor = useActionForm(
    schema,
    defaultValues,
    (_, f) => {
      setSaved(false);
      return save(f.getValues());
    },
    {
      unplaced: () => options.fixErrors,
      onSuccess: (data) => {
        setSaved(true);
        if (options.isNew && data) router.push(options.href(data.id));
        else router.refresh();
      },
    },
  );
  return { ...editor, saved };
}
