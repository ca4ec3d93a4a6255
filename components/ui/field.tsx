'use client';
import {
  forwardRef,
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { useTranslations } from 'next-intl';
import type { MessageValues } from '@/lib/errors';

/**
 * Translates an error key ('errors.emailTaken'), with the values of its placeholders. Module errors are always
 * keys (typed, lib/errors); a field error that is not one is a library's English text, which a Russian reader must
 * not see, so the general message stands in for it.
 */
export function useErrorText() {
  const t = useTranslations();
  return (message: string | undefined, values?: MessageValues) => {
    if (!message) return undefined;
    if (t.has(message)) return t(message, values);
    // Specific transition messages fall back to the general one.
    if (message.startsWith('errors.transition.')) return t('errors.transitionInvalid');
    return t('errors.generic');
  };
}

type FieldProps = { label: ReactNode; error?: string; hint?: ReactNode };

const inputClass =
  'block w-full min-h-11 rounded-lg border border-slate-300 bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:border-emerald-600 focus:outline-none focus:ring-2 focus:ring-emerald-600/30 aria-[invalid=true]:border-rose-600';

function FieldShell({ id, label, error, hint, children }: FieldProps & { id: string; children: ReactNode }) {
  const errorText = useErrorText()(error);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !errorText ? <p className="text-xs text-slate-500">{hint}</p> : null}
      {errorText ? (
        <p id={`${id}-error`} className="text-sm text-rose-700" data-field-error>
          {errorText}
        </p>
      ) : null}
    </div>
  );
}

export type TextFieldProps = FieldProps & InputHTMLAttributes<HTMLInputElement>;

export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { label, error, hint, id, ...props },
  ref,
) {
  const auto = useId();
  const fieldId = id ?? auto;
  return (
    <FieldShell id={fieldId} label={label} error={error} hint={hint}>
      <input
        ref={ref}
        id={fieldId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${fieldId}-error` : undefined}
        className={inputClass}
        {...props}
      />
    </FieldShell>
  );
});

export const SelectField = forwardRef<HTMLSelectElement, FieldProps & SelectHTMLAttributes<HTMLSelectElement>>(
  function SelectField({ label, error, hint, id, children, ...props }, ref) {
    const auto = useId();
    const fieldId = id ?? auto;
    return (
      <FieldShell id={fieldId} label={label} error={error} hint={hint}>
        <select ref={ref} id={fieldId} aria-invalid={error ? true : undefined} className={inputClass} {...props}>
          {children}
        </select>
      </FieldShell>
    );
  },
);

export const TextAreaField = forwardRef<HTMLTextAreaElement, FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>>(
  function TextAreaField({ label, error, hint, id, ...props }, ref) {
    const auto = useId();
    const fieldId = id ?? auto;
    return (
      <FieldShell id={fieldId} label={label} error={error} hint={hint}>
        <textarea ref={ref} id={fieldId} aria-invalid={error ? true : undefined} className={inputClass} {...props} />
      </FieldShell>
    );
  },
);

const MESSAGE_KEY = /^[a-z][a-zA-Z]*(\.[a-zA-Z_]+)+$/;

/**
 * A form-level message (role=alert inside main, so tests and screen readers find it): a message key (translated,
 * with `values`), or text the form has already written.
 */
export function FormMessage({
  message,
  values,
  tone = 'error',
}: {
  message?: string;
  values?: MessageValues;
  tone?: 'error' | 'success';
}) {
  const errorText = useErrorText();
  const text = message && !MESSAGE_KEY.test(message) ? message : errorText(message, values);
  if (!text) return null;
  return (
    <p
      role={tone === 'error' ? 'alert' : 'status'}
      className={`rounded-lg px-3 py-2 text-sm ${tone === 'error' ? 'bg-rose-50 text-rose-800' : 'bg-emerald-50 text-emerald-800'}`}
    >
      {text}
    </p>
  );
}
