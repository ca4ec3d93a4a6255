'use client';
import { forwardRef } from 'react';
import { useTranslations } from 'next-intl';
import { TextField, type TextFieldProps } from '@/components/ui/field';

/** The sign-in forms' fields: the label and the browser's autofill hints are part of the field. */
type Props = Omit<TextFieldProps, 'label' | 'type'> & { label?: string };

export const EmailField = forwardRef<HTMLInputElement, Props>(function EmailField({ label, ...props }, ref) {
  const t = useTranslations('auth');
  return <TextField ref={ref} label={label ?? t('email')} type="email" autoComplete="email" {...props} />;
});

/** A password being chosen, with the rule for it as the hint. */
export const NewPasswordField = forwardRef<HTMLInputElement, Props>(function NewPasswordField(
  { label, ...props },
  ref,
) {
  const t = useTranslations('auth');
  return (
    <TextField
      ref={ref}
      label={label ?? t('password')}
      type="password"
      autoComplete="new-password"
      hint={t('passwordHint')}
      {...props}
    />
  );
});

export const ConfirmPasswordField = forwardRef<HTMLInputElement, Props>(function ConfirmPasswordField(
  { label, ...props },
  ref,
) {
  const t = useTranslations('auth');
  return (
    <TextField ref={ref} label={label ?? t('confirmPassword')} type="password" autoComplete="new-password" {...props} />
  );
});
