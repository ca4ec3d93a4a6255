import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { ListPager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { one } from '@/lib/quality/shared';
import { requireRole } from '@/lib/session';
import { listHoldings, listMovements } from '@/lib/supplies';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('supplies', 'myTitle');

export default async function WorkerSuppliesPage({ searchParams }: PageProps<'/worker/supplies'>) {
  const actor = await requireRole('worker');
  const sp = await searchParams;
  const db = await getDb();
  const [holdings, movements] = await Promise.all([
    listHoldings(db, actor, actor.id),
    listMovements(db, actor, { workerId: actor.id, cursor: one(sp, 'cursor') }),
  ]);
  const t = await getTranslations('supplies');
  const locale = await pageLocale();
  const format = await getFormatter();
  return (
    <div className="space-y-5">
      <PageTitle>{t('myTitle')}</PageTitle>
      <Card title={t('holdingsTitle')}>
        {holdings.length === 0 ? <p className="text-slate-500">{t('noHoldings')}</p> : null}
        <ul className="divide-y divide-slate-100">
          {holdings.map((h) => (
            <li key={h.supplyId} className="flex min-h-12 items-center justify-between gap-2" data-testid="holding">
              <span className="text-base">{h.supply[locale]}</span>
              <span className={`text-lg font-semibold ${h.quantity < 0 ? 'text-rose-700' : ''}`}>
                {h.quantity} {h.unit[locale]}
              </span>
            </li>
          ))}
        </ul>
        {holdings.some((h) => h.quantity < 0) ? (
          <p className="mt-2 text-sm text-rose-700">{t('negativeHint')}</p>
        ) : null}
      </Card>
      <Card title={t('myJournal')}>
        <ul className="divide-y divide-slate-100 text-sm">
          {movements.items.length === 0 ? <li className="py-2 text-slate-500">{t('noMovements')}</li> : null}
          {movements.items.map((m) => (
            <li key={m.id} className="py-2">
              <p>
                {t(`kind.${m.kind}`)}: {m.supply[locale]} × {m.quantity} {m.unit[locale]}
              </p>
              <p className="text-slate-500">
                {format.dateTime(m.at, { dateStyle: 'medium', timeStyle: 'short' })}
                {m.note ? ` · ${m.note}` : ''}
              </p>
            </li>
          ))}
        </ul>
        <ListPager page={movements} path="/worker/supplies" params={sp} />
      </Card>
    </div>
  );
}
