import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { EmailFrame, PlainText } from '@/components/notifications/email-frame';
import { ResendButton } from '@/components/notifications/resend-button';
import { EmailStatusBadge } from '@/components/notifications/status-badge';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { orNotFound } from '@/lib/page';
import { getOutboxItem } from '@/lib/notifications';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('notifications', 'emailTitle');

export default async function OutboxItemPage({ params }: PageProps<'/admin/outbox/[id]'>) {
  const actor = await requireRole('admin');
  const { id } = await params;
  const item = await orNotFound(id, async () => getOutboxItem(await getDb(), actor, id));
  const t = await getTranslations('notifications');
  const format = await getFormatter();
  const at = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: 'medium', timeStyle: 'medium' }) : '—');
  const facts: [string, string][] = [
    [t('to'), `${item.toName} <${item.toEmail}>`],
    [t('kind'), item.kind],
    [t('language'), item.locale],
    [t('created'), at(item.createdAt)],
    [t('sentAt'), at(item.sentAt)],
    ...(item.status === 'pending' ? [[t('nextAttempt'), at(item.nextAttemptAt)] as [string, string]] : []),
    [t('attempts'), String(item.attempts)],
    [t('transport'), item.transport ?? '—'],
    [t('providerId'), item.providerMessageId ?? '—'],
    [t('idempotencyKey'), item.idempotencyKey],
  ];
  return (
    <div className="space-y-4">
      <Link href="/admin/outbox" className="text-sm text-emerald-800">
        ← {t('back')}
      </Link>
      <PageTitle actions={item.status === 'dead' ? <ResendButton id={item.id} /> : null}>
        {item.subject ?? t('noSubject')}
      </PageTitle>
      <Card>
        <div className="mb-3">
          <EmailStatusBadge status={item.status} attempts={item.attempts} />
        </div>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
          {facts.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-500">{label}</dt>
              <dd className="break-all">{value}</dd>
            </div>
          ))}
        </dl>
        {item.lastError ? (
          <p className="mt-3 rounded-lg bg-rose-50 p-3 text-sm text-rose-800" data-testid="last-error">
            {t('lastError')}: {item.lastError}
          </p>
        ) : null}
      </Card>
      <Card title={t('attemptsTitle')}>
        {item.attemptsLog.length === 0 ? <p className="text-sm text-slate-500">{t('noAttempts')}</p> : null}
        <ol className="divide-y divide-slate-100 text-sm" data-testid="attempts">
          {item.attemptsLog.map((a) => (
            <li key={a.attemptNo} className="py-2">
              <span className="font-medium">#{a.attemptNo}</span> · {at(a.at)} · {a.transport} ·{' '}
              {a.ok ? t('attemptOk') : t('attemptFailed')} · {a.durationMs} ms
              {a.providerMessageId ? (
                <span className="block break-all text-xs text-slate-500">{a.providerMessageId}</span>
              ) : null}
              {a.error ? <span className="block break-all text-xs text-rose-700">{a.error}</span> : null}
            </li>
          ))}
        </ol>
      </Card>
      <Card title={t('emailTitle')}>
        {item.preview ? <p className="mb-2 text-sm text-slate-500">{t('previewNote')}</p> : null}
        {item.html ? <EmailFrame html={item.html} title={item.subject ?? item.kind} /> : null}
        <PlainText text={item.text} label={t('plainText')} />
      </Card>
    </div>
  );
}
