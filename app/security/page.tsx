import { getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { EnrolForm, RecoveryCodesButton, TurnOffForm } from '@/components/auth/two-factor-forms';
import { getDb } from '@/db';
import { beginEnrolment, twoFactorStatus } from '@/lib/auth';
import { requireRole } from '@/lib/session';

export const dynamic = 'force-dynamic';

/** A staff member's two-factor sign-in: set it up (QR code, then a code), recovery codes, turning it off. */
export default async function SecurityPage() {
  const actor = await requireRole('manager', 'admin');
  const db = await getDb();
  const t = await getTranslations('security');
  const status = await twoFactorStatus(db, actor);
  const enrolment = status.enabled ? null : await beginEnrolment(db, actor, actor.email);
  return (
    <div className="space-y-5">
      <PageTitle>{t('title')}</PageTitle>
      {status.enabled ? (
        <>
          <Card title={t('onTitle')}>
            <p className="text-slate-700" data-testid="two-factor-status">
              {t('onText', { left: status.recoveryCodesLeft })}
            </p>
            <div className="mt-4">
              <RecoveryCodesButton />
            </div>
          </Card>
          {status.required ? (
            <p className="text-sm text-slate-600">{t('requiredCannotTurnOff')}</p>
          ) : (
            <Card title={t('offTitle')}>
              <TurnOffForm />
            </Card>
          )}
        </>
      ) : (
        <Card title={t('setupTitle')}>
          {status.required ? (
            <p role="alert" className="mb-4 rounded-lg bg-amber-50 p-3 text-amber-900">
              {t('requiredBanner')}
            </p>
          ) : null}
          <ol className="list-decimal space-y-3 pl-5 text-slate-700">
            <li>{t('step1')}</li>
            <li>
              {t('step2')}
              {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server */}
              <img
                src={enrolment!.qrDataUrl}
                width={240}
                height={240}
                alt={t('qrAlt')}
                className="mt-2 rounded border border-slate-200"
              />
              <p className="mt-2 text-sm">
                {t('manualKey')}{' '}
                <code data-testid="totp-secret" className="break-all rounded bg-slate-100 px-1 font-mono">
                  {enrolment!.secret}
                </code>
              </p>
            </li>
            <li>{t('step3')}</li>
          </ol>
          <div className="mt-4">
            <EnrolForm />
          </div>
        </Card>
      )}
    </div>
  );
}
