import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ClientRows, ClientSearch } from '@/components/clients/client-list';
import { NewClientForm } from '@/components/clients/new-client-form';
import { PhoneBookingForm } from '@/components/clients/phone-booking-form';
import { orderFormData } from '@/components/orders/order-form-props';
import { Card, PageTitle } from '@/components/ui/card';
import { getDb } from '@/db';
import { clientSearchParams, getClientContact, searchClients } from '@/lib/clients';
import { orNotFound } from '@/lib/page';
import { one } from '@/lib/quality/shared';
import { requireRole } from '@/lib/session';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('clients', 'booking.title');

// A phone booking: find the caller (or create them, emailed a link to set a password), then the client's own
// order form, booked on their behalf. `?client=<id>` opens the form for that client directly (the client
// record and the schedule board link here).
export default async function PhoneBookingPage({ searchParams }: PageProps<'/admin/bookings/new'>) {
  const actor = await requireRole('manager', 'admin');
  const sp = await searchParams;
  const db = await getDb();
  const t = await getTranslations('clients');
  const clientId = one(sp, 'client');

  if (clientId) {
    const locale = await pageLocale();
    const client = await orNotFound(clientId, () => getClientContact(db, actor, clientId));
    const data = await orderFormData(db, actor, client, locale, z.uuid().safeParse(one(sp, 'service')).data);
    return (
      <div className="space-y-4">
        <PageTitle>{t('booking.title')}</PageTitle>
        <Card>
          <p className="font-medium break-words" data-testid="booking-client">
            {t('booking.for', { name: client.name })}
          </p>
          <p className="text-sm break-all text-slate-600">{[client.phone, client.email].filter(Boolean).join(' · ')}</p>
          {one(sp, 'new') ? (
            <p role="status" className="mt-2 text-sm text-emerald-800" data-testid="client-created">
              {t('booking.created', { email: client.email })}
            </p>
          ) : null}
          <p className="mt-2 flex flex-wrap gap-4 text-sm">
            <Link
              href={`/admin/clients/${client.id}`}
              className="inline-flex min-h-11 items-center text-emerald-800 underline"
            >
              {t('booking.openRecord')}
            </Link>
            <Link href="/admin/bookings/new" className="inline-flex min-h-11 items-center text-emerald-800 underline">
              {t('booking.otherClient')}
            </Link>
          </p>
        </Card>
        {client.disabled ? (
          <p className="text-rose-700">{t('booking.disabled')}</p>
        ) : (
          <PhoneBookingForm clientId={client.id} data={data} />
        )}
      </div>
    );
  }

  const { q } = clientSearchParams.parse({ q: one(sp, 'q') });
  const found = q ? await searchClients(db, actor, { q, limit: 10 }) : null;
  return (
    <div className="space-y-4">
      <PageTitle>{t('booking.title')}</PageTitle>
      <Card title={t('booking.find')}>
        <ClientSearch action="/admin/bookings/new" q={q} />
        {found ? (
          <div className="mt-3">
            <ClientRows items={found.items} href={(id) => `/admin/bookings/new?client=${id}`} />
            {found.next ? (
              <p className="mt-2 text-sm text-slate-600">
                <Link href={`/admin/clients?q=${encodeURIComponent(q ?? '')}`} className="underline">
                  {t('booking.moreResults', { count: found.total })}
                </Link>
              </p>
            ) : null}
          </div>
        ) : null}
      </Card>
      <Card title={t('booking.newClient')}>
        <NewClientForm />
      </Card>
    </div>
  );
}
