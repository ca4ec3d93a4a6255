import Link from 'next/link';
import { connection } from 'next/server';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { RunDispatchButton } from '@/components/matching/run-dispatch-button';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { getDispatchBoard } from '@/lib/matching';
import { getSettings } from '@/lib/settings';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('matching', 'boardTitle');

export default async function DispatchBoardPage() {
  await connection();
  const actor = await requireRole('manager', 'admin');
  const db = await getDb();
  const settings = await getSettings(db);
  const board = await getDispatchBoard(db, actor, settings.matchingUnmatchedAlertHours);
  const t = await getTranslations('matching');
  const format = await getFormatter();
  const ru = (await pageLocale()) === 'ru';
  const when = (d: Date) =>
    format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: settings.timeZone });
  const orderLine = (o: (typeof board.pending)[number]) => (
    <li
      key={o.id}
      className="flex flex-wrap items-center justify-between gap-2 py-3"
      data-testid={`dispatch-order-${o.number}`}
    >
      <div>
        <p className="font-medium">
          {o.number} · {ru ? o.serviceRu : o.serviceEn}
        </p>
        <p className="text-sm text-slate-500">
          {when(o.start)} · {ru ? o.zoneRu : o.zoneEn}
          {o.flagged ? (
            <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-900">{t('flagged')}</span>
          ) : null}
        </p>
      </div>
      <Link href={`/admin/dispatch/${o.id}`} className="min-h-11 content-center px-2 text-emerald-700 underline">
        {t('open')}
      </Link>
    </li>
  );
  return (
    <div className="space-y-6">
      <PageTitle actions={<RunDispatchButton />}>{t('boardTitle')}</PageTitle>
      <Card title={t('flaggedTitle', { hours: board.alertHours })}>
        {board.flagged.length ? (
          <ul className="divide-y divide-slate-100">{board.flagged.map(orderLine)}</ul>
        ) : (
          <p className="text-slate-500">{t('noFlagged')}</p>
        )}
      </Card>
      <Card title={t('pendingTitle')}>
        {board.pending.length ? (
          <ul className="divide-y divide-slate-100">{board.pending.map(orderLine)}</ul>
        ) : (
          <p className="text-slate-500">{t('noPending')}</p>
        )}
      </Card>
      <Card title={t('recentTitle')}>
        {board.recent.length ? (
          <ul className="divide-y divide-slate-100 text-sm">
            {board.recent.map((a) => (
              <li key={`${a.orderId}-${a.at.toISOString()}`} className="flex flex-wrap justify-between gap-2 py-2">
                <Link href={`/admin/dispatch/${a.orderId}`} className="text-emerald-700 underline">
                  {a.number}
                </Link>
                <span>
                  {a.workerName} · {t(`kind.${a.kind}`)} · {when(a.at)}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-500">{t('noRecent')}</p>
        )}
      </Card>
      <Card title={t('runsTitle')}>
        <ul className="space-y-1 text-sm text-slate-700">
          {board.runs.map((r) => (
            <li key={r.id}>
              {when(r.startedAt)} · {t(`trigger.${r.trigger}`)} ·{' '}
              {t('runLine', {
                matched: r.matched,
                considered: r.considered,
                unmatched: r.unmatched,
                conflicts: r.conflicts,
                ms: r.durationMs ?? 0,
              })}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
