import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db';
import { durationParts } from '@/components/orders/duration';
import { buttonClass } from '@/components/ui/button';
import { PageTitle, Placeholder } from '@/components/ui/card';
import { requireRole } from '@/lib/session';
import { formatMoney } from '@/lib/money';
import { listCatalogue } from '@/lib/orders';
import { localized, pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('orders', 'catalogue.title');

export default async function ServicesPage() {
  await requireRole('client');
  const t = await getTranslations('orders');
  const locale = await pageLocale();
  const { services, currency } = await listCatalogue(await getDb());
  const money = (v: number) => formatMoney(v, currency, locale);
  return (
    <>
      <PageTitle>{t('catalogue.title')}</PageTitle>
      <p className="mb-4 text-slate-600">{t('catalogue.intro')}</p>
      {services.length === 0 ? <Placeholder>{t('catalogue.empty')}</Placeholder> : null}
      <ul className="grid gap-4 md:grid-cols-2">
        {services.map((s) => {
          const d = durationParts(s.minutesFrom);
          return (
            <li
              key={s.id}
              className="flex flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
              data-testid={`service-${s.code}`}
            >
              <h2 className="text-lg font-semibold text-slate-900">{localized(s, locale)}</h2>
              <p className="mt-1 text-sm text-slate-600">{locale === 'ru' ? s.descriptionRu : s.descriptionEn}</p>
              <p className="mt-3 text-base font-medium text-emerald-800">
                {t('catalogue.priceFrom', { price: money(s.priceFrom) })}
                <span className="ml-2 text-sm font-normal text-slate-500">
                  {s.pricingUnit === 'fixed'
                    ? t('catalogue.unit.fixed')
                    : t(`catalogue.unit.${s.pricingUnit}`, { price: money(s.unitPrice) })}
                </span>
              </p>
              <p className="text-sm text-slate-600">
                {t('catalogue.durationFrom', { duration: t(`durationFmt.${d.key}`, d.values) })}
              </p>
              {s.checklist.length > 0 ? (
                <>
                  <h3 className="mt-3 text-sm font-medium text-slate-800">{t('catalogue.included')}</h3>
                  <ul className="mt-1 list-inside list-disc text-sm text-slate-700">
                    {s.checklist.map((c) => (
                      <li key={c.code}>{locale === 'ru' ? c.ru : c.en}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              {s.extras.length > 0 ? (
                <>
                  <h3 className="mt-3 text-sm font-medium text-slate-800">{t('catalogue.extras')}</h3>
                  <ul className="mt-1 text-sm text-slate-700">
                    {s.extras.map((e) => (
                      <li key={e.code}>
                        {localized(e, locale)} — {money(e.price)}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              <div className="mt-auto pt-4">
                <Link href={`/orders/new?service=${s.id}`} className={buttonClass('primary', 'w-full sm:w-auto')}>
                  {t('catalogue.order')}
                </Link>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
