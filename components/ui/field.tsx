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

/**
 * Translates an error key ('errors.emailTaken'), with the values its message names (a failure's `available`);
 * text that is not a key shows as the general error message.
 */
export function useErrorText() {
  const t = useTranslations();
  return (message: string | undefined, values?: Record<string, string>) => {
    if (!message) return undefined;
    if (t.has(message)) return t(message, values);
    // Specific transition messages fall back to the general one.
    if (message.startsWith('errors.transition.')) return t('errors.transitionInvalid');
    // Module errors are message keys (typed, lib/errors); anything else is a library's English text, which a
    // Russian reader must not see: the general message stands in for it.
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

/** A form-level message (role=alert inside main, so tests and screen readers find it). */
export function FormMessage({
  message,
  tone = 'error',
  values,
}: {
  message?: string;
  tone?: 'error' | 'success';
  /** The values an error key's message names. */
  values?: Record<string, string>;
}) {
  const errorText = useErrorText();
  // An error is a message key from the server or the form; a success is text the form has already written.
  const text = tone === 'success' ? message : errorText(message, values);
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
