import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { ServiceForm } from '@/components/admin/service-form';
import { ArchiveServiceButton } from '@/components/admin/archive-service-button';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { getServiceForAdmin, serviceToInput } from '@/lib/catalog';
import { activeWorkersBySkill } from '@/lib/workers';
import { orNotFound } from '@/lib/page';
import { listBillsOfMaterials, listSupplies } from '@/lib/supplies';
import { localized, pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('billing', 'service');

export default async function EditServicePage({ params }: PageProps<'/admin/services/[id]'>) {
  const actor = await requireRole('admin');
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const db = await getDb();
  const service = await orNotFound(id, () => getServiceForAdmin(db, actor, id));
  // The bill of materials belongs to supplies (lib/supplies): shown here, edited on the supplies page.
  const [boms, supplies, skilled] = await Promise.all([
    listBillsOfMaterials(db, actor),
    listSupplies(db, actor),
    activeWorkersBySkill(db, actor),
  ]);
  const bom = (boms.find((b) => b.serviceId === service.id)?.items ?? []).map((i) => ({
    ...i,
    supply: supplies.find((s) => s.id === i.supplyId),
  }));
  const t = await getTranslations('catalog');
  const locale = await pageLocale();
  return (
    <div className="space-y-4">
      <PageTitle actions={<ArchiveServiceButton id={service.id} archived={!service.active} />}>
        {localized(service, locale)}
      </PageTitle>
      {service.active && !skilled.get(service.skill) ? (
        <p
          role="status"
          className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900"
          data-testid="no-skilled-worker"
        >
          {t('noSkilledWorkerLong')}
        </p>
      ) : null}
      <p className="text-sm text-slate-600">
        {t('oldOrdersNote')}{' '}
        <Link className="text-emerald-800 underline" href={`/admin/audit?entity=service&entityId=${service.id}`}>
          {t('history')}
        </Link>
      </p>
      <Card title={t('billOfMaterials')}>
        {bom.length === 0 ? <p className="text-sm text-slate-500">{t('bomEmpty')}</p> : null}
        <ul className="text-sm" data-testid="bom">
          {bom.map((i) => (
            <li key={i.supplyId}>
              {i.supply ? localized(i.supply, locale) : i.supplyId}: {i.quantity} {i.supply?.unit[locale] ?? ''}
            </li>
          ))}
        </ul>
        <Link className="mt-2 inline-block text-sm text-emerald-800 underline" href="/admin/supplies">
          {t('bomEdit')}
        </Link>
      </Card>
      <Card>
        <ServiceForm id={service.id} defaults={serviceToInput(service)} />
      </Card>
    </div>
  );
}
