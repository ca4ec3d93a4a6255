import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { ServiceForm } from '@/components/admin/service-form';
import { ArchiveServiceButton } from '@/components/admin/archive-service-button';
import { getDb } from '@/db';
import { requireRole } from '@/lib/auth';
import { getServiceForAdmin, serviceToInput } from '@/lib/catalog';
import { DomainError } from '@/lib/errors';

export default async function EditServicePage({ params }: PageProps<'/admin/services/[id]'>) {
  const actor = await requireRole('admin');
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const service = await getServiceForAdmin(await getDb(), actor, id).catch((e: unknown) => {
    if (e instanceof DomainError && e.code === 'not_found') notFound();
    throw e;
  });
  const t = await getTranslations('catalog');
  const locale = await getLocale();
  return (
    <div className="space-y-4">
      <PageTitle actions={<ArchiveServiceButton id={service.id} archived={!service.active} />}>{locale === 'en' ? service.nameEn : service.nameRu}</PageTitle>
      <p className="text-sm text-slate-600">
        {t('oldOrdersNote')}{' '}
        <Link className="text-emerald-800 underline" href={`/admin/supplies?service=${service.id}`}>
          {t('billOfMaterials')}
        </Link>
        {' · '}
        <Link className="text-emerald-800 underline" href={`/admin/audit?entity=service&entityId=${service.id}`}>
          {t('history')}
        </Link>
      </p>
      <Card>
        <ServiceForm id={service.id} defaults={serviceToInput(service)} />
      </Card>
    </div>
  );
}
