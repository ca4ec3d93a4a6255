import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { buttonClass } from '@/components/ui/button';
import { StatusBadge } from '@/components/ui/status-badge';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { listServicesForAdmin } from '@/lib/catalog';
import { activeWorkersBySkill } from '@/lib/workers';
import { getSettings } from '@/lib/settings';
import { formatMoney } from '@/lib/money';
import { localized, pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('catalog', 'title');

export default async function ServicesPage({ searchParams }: PageProps<'/admin/services'>) {
  const actor = await requireRole('admin');
  const sp = await searchParams;
  const includeArchived = sp.archived === '1';
  const db = await getDb();
  const [list, settings, skilled] = await Promise.all([
    listServicesForAdmin(db, actor, { includeArchived }),
    getSettings(db),
    activeWorkersBySkill(db, actor),
  ]);
  const t = await getTranslations('catalog');
  const locale = await pageLocale();
  return (
    <div className="space-y-4">
      <PageTitle
        actions={
          <Link href="/admin/services/new" className={buttonClass()}>
            {t('new')}
          </Link>
        }
      >
        {t('title')}
      </PageTitle>
      <p className="text-sm">
        <Link
          className="text-emerald-800 underline"
          href={includeArchived ? '/admin/services' : '/admin/services?archived=1'}
        >
          {includeArchived ? t('hideArchived') : t('showArchived')}
        </Link>
      </p>
      <Card>
        {list.length === 0 ? <p className="text-slate-500">{t('empty')}</p> : null}
        <ul className="divide-y divide-slate-100">
          {list.map((s) => (
            <li
              key={s.id}
              className="flex flex-wrap items-center justify-between gap-2 py-3"
              data-testid={`service-${s.code}`}
            >
              <div>
                <Link href={`/admin/services/${s.id}`} className="font-medium text-emerald-900 underline">
                  {localized(s, locale)}
                </Link>
                <p className="text-sm text-slate-500">
                  {s.code} · {t(`unit.${s.pricingUnit}`)} · {formatMoney(s.unitPrice, settings.currency, locale)} ·{' '}
                  {t('checklistCount', { count: s.checklist.length })}
                </p>
                {s.active && !skilled.get(s.skill) ? (
                  <p className="text-sm text-amber-800" data-testid={`no-skilled-${s.code}`}>
                    {t('noSkilledWorker')}
                  </p>
                ) : null}
              </div>
              <StatusBadge
                status={s.active ? 'active' : 'archived'}
                label={s.active ? t('activeBadge') : t('archivedBadge')}
              />
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
