import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db';
import { OrderForm } from '@/components/orders/order-form';
import { orderFormData } from '@/components/orders/order-form-props';
import { PageTitle } from '@/components/ui/card';
import { requireRole } from '@/lib/session';
import { getClientAccount } from '@/lib/orders';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('orders', 'form.title');

export default async function NewOrderPage({ searchParams }: PageProps<'/orders/new'>) {
  const actor = await requireRole('client');
  const t = await getTranslations('orders');
  const locale = await pageLocale();
  const { service } = await searchParams;
  const db = await getDb();
  const account = await getClientAccount(db, actor);
  const data = await orderFormData(
    db,
    actor,
    { id: actor.id, phone: account.phone },
    locale,
    z.uuid().safeParse(service).data,
  );
  return (
    <>
      <PageTitle>{t('form.title')}</PageTitle>
      <OrderForm {...data} />
    </>
  );
}
