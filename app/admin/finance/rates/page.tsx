import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { FinanceNav } from '@/components/finance/finance-nav';
import { PayRateForm } from '@/components/finance/pay-rate-form';
import { DataTable } from '@/components/ui/data-table';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { listServicesForAdmin } from '@/lib/catalog';
import { listPayRates } from '@/lib/finance';
import { formatMoney } from '@/lib/money';
import { getSettings } from '@/lib/settings';
import { localized, pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('finance', 'admin.tabs.rates');

export default async function PayRatesPage() {
  const actor = await requireRole('admin');
  const db = await getDb();
  const [rates, services, settings] = await Promise.all([
    listPayRates(db, actor),
    listServicesForAdmin(db, actor),
    getSettings(db),
  ]);
  const t = await getTranslations('finance');
  const format = await getFormatter();
  const locale = await pageLocale();
  const name = (ru: string | null, en: string | null) => (locale === 'en' ? en : ru) ?? t('rates.allServices');
  return (
    <div className="space-y-4">
      <PageTitle>{t('admin.title')}</PageTitle>
      <FinanceNav role={actor.role} current="rates" />
      <Card title={t('rates.add')}>
        <p className="mb-3 text-sm text-slate-600">{t('rates.explain')}</p>
        <PayRateForm
          services={services.filter((s) => s.active).map((s) => ({ id: s.id, name: localized(s, locale) }))}
        />
      </Card>
      <Card title={t('rates.title')}>
        {rates.length === 0 ? <Placeholder>{t('rates.none')}</Placeholder> : null}
        <DataTable
          minWidth="36rem"
          testId="pay-rates"
          columns={[
            { label: t('rates.service') },
            { label: t('rates.grade') },
            { label: t('rates.share'), align: 'right' },
            { label: t('rates.travelShare'), align: 'right' },
            { label: t('rates.minPay'), align: 'right' },
            { label: t('rates.validFrom'), align: 'right' },
          ]}
        >
          {rates.map((r) => (
            <tr key={r.id} className={r.current ? '' : 'text-slate-400'}>
              <td className="py-2">
                {name(r.serviceNameRu, r.serviceNameEn)}
                {r.current ? (
                  <span className="ml-2 rounded bg-emerald-50 px-1.5 text-xs text-emerald-800">
                    {t('rates.current')}
                  </span>
                ) : null}
              </td>
              <td>{t(`grades.${r.grade}`)}</td>
              <td className="text-right">{r.shareBp / 100}%</td>
              <td className="text-right">{r.travelShareBp / 100}%</td>
              <td className="text-right">{formatMoney(r.minPay, settings.currency, locale)}</td>
              <td className="text-right">{format.dateTime(r.validFrom, { dateStyle: 'medium' })}</td>
            </tr>
          ))}
        </DataTable>
      </Card>
    </div>
  );
}
