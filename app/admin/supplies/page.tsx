import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { IssueSupplyForm } from '@/components/supplies/issue-form';
import {
  BomForm,
  ChargeShortfallButton,
  NewSupplyForm,
  ResolveShortfallButton,
  StockMoveForm,
} from '@/components/supplies/supply-forms';
import { ListFilters } from '@/components/ui/list-filters';
import { ListPager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { one } from '@/lib/quality/shared';
import { requireRole } from '@/lib/session';
import { formatMoney } from '@/lib/money';
import { getSettings } from '@/lib/settings';
import { listBillsOfMaterials, listMovements, listSupplies } from '@/lib/supplies';
import { listWorkers } from '@/lib/workers';
import { pageLocale, localized, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('supplies', 'title');

// Stock, shortfalls to settle and the movement journal; both lists keyset-paged, each with its own cursor.
export default async function AdminSuppliesPage({ searchParams }: PageProps<'/admin/supplies'>) {
  const actor = await requireRole('manager', 'admin');
  const sp = await searchParams;
  const db = await getDb();
  const supplyFilter = one(sp, 'supply');
  const [items, movements, shortfalls, boms, workers, settings] = await Promise.all([
    listSupplies(db, actor),
    listMovements(db, actor, {
      supplyId: supplyFilter && /^[0-9a-f-]{36}$/i.test(supplyFilter) ? supplyFilter : undefined,
      cursor: one(sp, 'cursor'),
    }),
    listMovements(db, actor, { shortfallOnly: true, cursor: one(sp, 'scursor') }),
    listBillsOfMaterials(db, actor),
    listWorkers(db, actor, { active: true }),
    getSettings(db),
  ]);
  const t = await getTranslations('supplies');
  const locale = await pageLocale();
  const format = await getFormatter();
  const name = (s: { nameRu: string; nameEn: string }) => localized(s, locale);
  const active = items.filter((s) => s.active);
  const low = active.filter((s) => s.low);
  const options = active.map((s) => ({ id: s.id, label: `${name(s)} (${s.stock} ${s.unit[locale]})` }));
  return (
    <div className="space-y-6">
      <PageTitle>{t('title')}</PageTitle>
      {low.length ? (
        <div
          role="alert"
          className="rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-900"
          data-testid="low-stock"
        >
          <p className="font-semibold">{t('lowTitle')}</p>
          <ul className="mt-1 list-inside list-disc text-sm">
            {low.map((s) => (
              <li key={s.id}>
                {t('lowLine', { name: name(s), stock: s.stock, unit: s.unit[locale], threshold: s.lowStockThreshold })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {shortfalls.items.length ? (
        <Card title={t('shortfallTitle')}>
          <p className="mb-2 text-sm text-slate-600">{t('shortfallHint')}</p>
          <ul className="divide-y divide-slate-100 text-sm">
            {shortfalls.items.map((m) => (
              <li key={m.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="shortfall">
                <span>
                  {format.dateTime(m.at, { dateStyle: 'short', timeStyle: 'short' })} · {m.workerName} ·{' '}
                  {m.supply[locale]}:{' '}
                  {t('shortfallLine', { used: m.quantity, missing: m.shortfall, unit: m.unit[locale] })} · {m.note}
                </span>
                <span className="flex flex-wrap items-center gap-2">
                  <ChargeShortfallButton movementId={m.id} />
                  <ResolveShortfallButton movementId={m.id} />
                </span>
              </li>
            ))}
          </ul>
          <ListPager page={shortfalls} path="/admin/supplies" params={sp} cursorParam="scursor" />
        </Card>
      ) : null}
      <Card title={t('catalogue')}>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-slate-500">
              <tr>
                <th className="py-2 pr-2">{t('item')}</th>
                <th className="py-2 pr-2">{t('stock')}</th>
                <th className="py-2 pr-2">{t('threshold')}</th>
                <th className="py-2 pr-2">{t('unitCostShort')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((s) => (
                <tr key={s.id} data-testid={`supply-${s.nameEn}`} className={s.active ? '' : 'text-slate-400'}>
                  <td className="py-2 pr-2">
                    {name(s)} {!s.active ? `(${t('archived')})` : ''}
                  </td>
                  <td className={`py-2 pr-2 font-medium ${s.low && s.active ? 'text-amber-700' : ''}`}>
                    {s.stock} {s.unit[locale]} {s.low && s.active ? `⚠ ${t('low')}` : ''}
                  </td>
                  <td className="py-2 pr-2">{s.lowStockThreshold}</td>
                  <td className="py-2 pr-2">{formatMoney(s.unitCost, settings.currency, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {items.length === 0 ? <p className="text-slate-500">{t('empty')}</p> : null}
      </Card>
      <Card title={t('issueTitle')}>
        <IssueSupplyForm workers={workers.map((w) => ({ id: w.id, name: w.name }))} supplies={options} />
      </Card>
      <Card title={t('moveTitle')}>
        <StockMoveForm supplies={options} />
      </Card>
      <Card title={t('addTitle')}>
        <NewSupplyForm />
      </Card>
      <Card title={t('bomTitle')}>
        <p className="mb-3 text-sm text-slate-600">{t('bomHint')}</p>
        <div className="space-y-5">
          {boms.map((b) => (
            <section key={b.serviceId}>
              <h3 className="mb-2 font-medium">{b.service[locale]}</h3>
              <BomForm
                serviceId={b.serviceId}
                items={Object.fromEntries(b.items.map((i) => [i.supplyId, i.quantity]))}
                supplies={active.map((s) => ({ id: s.id, label: `${name(s)}, ${s.unit[locale]}` }))}
              />
            </section>
          ))}
        </div>
      </Card>
      <Card title={t('journal')}>
        <div className="mb-4">
          <ListFilters
            fields={[
              {
                kind: 'select',
                name: 'supply',
                label: t('supplyFilter'),
                value: supplyFilter,
                all: t('allSupplies'),
                options: items.map((s) => ({ value: s.id, label: name(s) })),
              },
            ]}
            hidden={{ scursor: one(sp, 'scursor') }}
          />
        </div>
        <ul className="divide-y divide-slate-100 text-sm">
          {movements.items.length === 0 ? <li className="py-2 text-slate-500">{t('noMovements')}</li> : null}
          {movements.items.map((m) => (
            <li key={m.id} className="flex flex-wrap justify-between gap-2 py-2">
              <span>
                {format.dateTime(m.at, { dateStyle: 'short', timeStyle: 'short' })} · {t(`kind.${m.kind}`)} ·{' '}
                {m.supply[locale]} × {m.quantity} {m.unit[locale]}
                {m.workerName ? ` · ${m.workerName}` : ''}
                {m.note ? ` · ${m.note}` : ''}
              </span>
              <span className="text-slate-500">{m.actorName ?? t('system')}</span>
            </li>
          ))}
        </ul>
        <ListPager page={movements} path="/admin/supplies" params={sp} />
      </Card>
    </div>
  );
}
