'use client';
import { forwardRef, useState } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { totpCodeInput } from '@/lib/auth/shared';
import { confirmEnrolmentAction, disableTwoFactorAction, regenerateRecoveryCodesAction } from '@/app/security/actions';
import { ActionButton } from '@/components/ui/action-button';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField, type TextFieldProps } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';

/** Recovery codes, shown once right after they are made. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone?: () => void }) {
  const t = useTranslations('security');
  return (
    <div className="space-y-3" role="status">
      <p className="font-medium text-slate-800">{t('codesTitle')}</p>
      <p className="text-sm text-slate-600">{t('codesHint')}</p>
      <ul data-testid="recovery-codes" className="grid grid-cols-2 gap-2 font-mono text-sm">
        {codes.map((c) => (
          <li key={c} className="rounded bg-slate-100 px-2 py-1">
            {c}
          </li>
        ))}
      </ul>
      {onDone ? (
        <Button type="button" onClick={onDone}>
          {t('codesDone')}
        </Button>
      ) : null}
    </div>
  );
}

export function EnrolForm() {
  const t = useTranslations('security');
  const router = useRouter();
  const [codes, setCodes] = useState<string[]>();
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    totpCodeInput,
    { code: '' },
    confirmEnrolmentAction,
    { onSuccess: (data) => setCodes(data?.codes) },
  );
  if (codes) return <RecoveryCodes codes={codes} onDone={() => router.push('/admin')} />;
  return (
    <form noValidate className="space-y-4" onSubmit={onSubmit}>
      <CodeField label={t('codeLabel')} error={errors.code?.message} {...form.register('code')} />
      <FormMessage message={message} />
      <Button type="submit" disabled={isSubmitting}>
        {t('enable')}
      </Button>
    </form>
  );
}

export function RecoveryCodesButton() {
  const t = useTranslations('security');
  const [codes, setCodes] = useState<string[]>();
  if (codes) return <RecoveryCodes codes={codes} />;
  return (
    <ActionButton
      variant="secondary"
      run={async () => {
        const result = await regenerateRecoveryCodesAction({});
        if (result.ok) setCodes(result.data?.codes);
        return result;
      }}
    >
      {t('newCodes')}
    </ActionButton>
  );
}

export function TurnOffForm() {
  const t = useTranslations('security');
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    totpCodeInput,
    { code: '' },
    disableTwoFactorAction,
    { refresh: true },
  );
  return (
    <form noValidate className="space-y-4" onSubmit={onSubmit}>
      <p className="text-sm text-slate-600">{t('offHint')}</p>
      <CodeField label={t('codeLabel')} error={errors.code?.message} {...form.register('code')} />
      <FormMessage message={message} />
      <Button type="submit" variant="danger" disabled={isSubmitting}>
        {t('disable')}
      </Button>
    </form>
  );
}

/** The code from the authenticator app. */
const CodeField = forwardRef<HTMLInputElement, TextFieldProps>(function CodeField(props, ref) {
  return <TextField ref={ref} inputMode="numeric" autoComplete="one-time-code" {...props} />;
});
