import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { EmailStatusBadge } from '@/components/notifications/status-badge';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { listOutbox, outboxViews, type OutboxView } from '@/lib/notifications';
import { getSettings } from '@/lib/settings';
import { one, withParams } from '@/lib/quality/shared';
import { ListFilters } from '@/components/ui/list-filters';
import { ListPager } from '@/components/ui/pager';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('notifications', 'outboxTitle');

export default async function OutboxPage({ searchParams }: PageProps<'/admin/outbox'>) {
  const actor = await requireRole('admin');
  const sp = await searchParams;
  const view: OutboxView = (outboxViews as readonly string[]).includes(String(sp.view))
    ? (sp.view as OutboxView)
    : 'all';
  const q = typeof sp.q === 'string' ? sp.q.slice(0, 100) : undefined;
  const db = await getDb();
  const [outbox, settings] = await Promise.all([
    listOutbox(db, actor, { view, q, cursor: one(sp, 'cursor') }),
    getSettings(db),
  ]);
  const t = await getTranslations('notifications');
  const format = await getFormatter();
  return (
    <div className="space-y-4">
      <PageTitle>{t('outboxTitle')}</PageTitle>
      <p className="text-sm text-slate-600">{t('outboxIntro', { max: settings.notificationMaxAttempts })}</p>
      <nav className="flex flex-wrap gap-2" aria-label={t('outboxTitle')}>
        {outboxViews.map((v) => (
          <Link
            key={v}
            href={`/admin/outbox${withParams(sp, { view: v === 'all' ? '' : v, cursor: '' })}`}
            aria-current={v === view ? 'page' : undefined}
            className={`min-h-9 rounded-full border px-3 py-1.5 text-sm ${v === view ? 'border-emerald-700 bg-emerald-700 text-white' : 'border-slate-300 bg-white text-slate-700'}`}
            data-testid={`outbox-view-${v}`}
          >
            {t(`views.${v}`)} ·{' '}
            {t(outbox.counts[v].capped ? 'viewCountMore' : 'viewCount', {
              count: format.number(outbox.counts[v].total),
            })}
          </Link>
        ))}
      </nav>
      <Card>
        <div className="mb-4">
          <ListFilters
            fields={[{ kind: 'text', name: 'q', label: t('search'), value: q, wide: true }]}
            hidden={{ view: view === 'all' ? undefined : view }}
            apply={t('filter')}
          />
        </div>
        {outbox.items.length === 0 ? <p className="text-slate-500">{t('empty')}</p> : null}
        <ul className="divide-y divide-slate-100">
          {outbox.items.map((item) => (
            <li key={item.id} data-testid={`outbox-${item.id}`}>
              <Link
                href={`/admin/outbox/${item.id}`}
                className="flex flex-wrap items-start justify-between gap-2 py-3 hover:bg-slate-50"
              >
                <div className="min-w-0 flex-1">
                  <p className="truncate font-medium">{item.subject ?? `${item.kind}`}</p>
                  <p className="truncate text-sm text-slate-500">
                    {item.toName} &lt;{item.toEmail}&gt; · {item.kind} · {item.locale}
                  </p>
                  {item.lastError && item.status !== 'sent' ? (
                    <p className="truncate text-xs text-rose-700">{item.lastError}</p>
                  ) : null}
                </div>
                <div className="text-right text-sm">
                  <EmailStatusBadge status={item.status} attempts={item.attempts} />
                  <p className="mt-1 text-xs text-slate-500">
                    {format.dateTime(item.sentAt ?? item.createdAt, { dateStyle: 'short', timeStyle: 'short' })}
                  </p>
                </div>
              </Link>
            </li>
          ))}
        </ul>
        <ListPager page={outbox} path="/admin/outbox" params={sp} />
      </Card>
    </div>
  );
}
