'use client';
import { useState, useTransition } from 'react';
import { useTranslations } from 'next-intl';
import { resendVerificationAction } from '@/app/(client)/account/actions';
import { Button } from '@/components/ui/button';

/** Shown to a client whose email is not confirmed yet: what it limits, and a way to get the link again. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const t = useTranslations('auth');
  const te = useTranslations('errors');
  const [state, setState] = useState<'idle' | 'sent' | 'failed' | 'limited'>('idle');
  const [pending, start] = useTransition();
  return (
    <section
      aria-labelledby="verify-email-title"
      className="mb-5 rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950"
    >
      <h2 id="verify-email-title" className="font-semibold">
        {t('verifyBannerTitle')}
      </h2>
      <p className="mt-1 text-sm break-words">{t('verifyBannerText', { email })}</p>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button
          type="button"
          variant="secondary"
          disabled={pending || state === 'sent'}
          onClick={() =>
            start(async () => {
              const result = await resendVerificationAction({});
              if (result.ok) setState('sent');
              else setState(result.message === 'errors.tooManyAttempts' ? 'limited' : 'failed');
            })
          }
        >
          {t('verifyResend')}
        </Button>
        <p role="status" className="text-sm">
          {state === 'sent' ? t('verifyResent') : null}
          {state === 'limited' ? te('tooManyAttempts') : null}
          {state === 'failed' ? te('generic') : null}
        </p>
      </div>
    </section>
  );
}
