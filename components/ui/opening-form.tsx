'use client';
import { useState, type ReactNode } from 'react';
import type { DefaultValues, FieldValues, UseFormReturn } from 'react-hook-form';
import type { z } from 'zod';
import type { FormState } from '@/lib/errors';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';

/**
 * The flow of a form behind a button (useActionForm): it closes and the page refreshes after a success. `panel`
 * is what `OpeningForm` needs of it.
 */
export function useOpeningForm<In extends FieldValues, Out>(
  schema: z.ZodType<Out, In>,
  defaultValues: NoInfer<DefaultValues<In>>,
  submit: (values: Out, form: UseFormReturn<In, unknown, Out>) => Promise<FormState<unknown>>,
) {
  const [open, setOpen] = useState(false);
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(schema, defaultValues, submit, {
    onSuccess: () => setOpen(false),
    refresh: true,
  });
  const panel = {
    open,
    onOpen: () => setOpen(true),
    onClose: () => setOpen(false),
    onSubmit,
    message,
    submitting: isSubmitting,
  };
  return { form, errors, panel };
}

/**
 * A form behind a button (cancel an order, move it): closed, the button that opens it; open, the form under its
 * title, ending with its message, its submit button and a button that closes it.
 */
export function OpeningForm({
  open,
  onOpen,
  onClose,
  onSubmit,
  message,
  submitting,
  openLabel,
  title,
  className,
  submitLabel,
  submitVariant = 'primary',
  closeLabel,
  children,
}: ReturnType<typeof useOpeningForm>['panel'] & {
  openLabel: ReactNode;
  /** The form's heading and accessible name. */
  title: string;
  /** The panel's border and background. */
  className: string;
  submitLabel: ReactNode;
  submitVariant?: 'primary' | 'danger';
  closeLabel: ReactNode;
  children: ReactNode;
}) {
  if (!open) {
    return (
      <Button variant="secondary" onClick={onOpen}>
        {openLabel}
      </Button>
    );
  }
  return (
    <form noValidate className={`space-y-3 rounded-xl border p-4 ${className}`} aria-label={title} onSubmit={onSubmit}>
      <h2 className="font-semibold">{title}</h2>
      {children}
      <FormMessage message={message} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant={submitVariant} disabled={submitting}>
          {submitLabel}
        </Button>
        <Button type="button" variant="ghost" onClick={onClose}>
          {closeLabel}
        </Button>
      </div>
    </form>
  );
}
