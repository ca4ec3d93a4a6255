import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ClientRows, ClientSearch } from '@/components/clients/client-list';
import { buttonClass } from '@/components/ui/button';
import { Card, PageTitle } from '@/components/ui/card';
import { Pager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { clientSearchParams, searchClients } from '@/lib/clients';
import { requireRole } from '@/lib/session';
import { one, withParams } from '@/lib/quality/shared';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('clients', 'list.title');

// Every client, found by name, email, phone (typed any way) or address; alphabetical, paged on the server.
export default async function ClientsPage({ searchParams }: PageProps<'/admin/clients'>) {
  const actor = await requireRole('manager', 'admin');
  const sp = await searchParams;
  const { q, cursor } = clientSearchParams.parse({ q: one(sp, 'q'), cursor: one(sp, 'cursor') });
  const page = await searchClients(await getDb(), actor, { q, cursor });
  const t = await getTranslations('clients');
  return (
    <div className="space-y-4">
      <PageTitle
        actions={
          <Link href="/admin/bookings/new" className={buttonClass('primary')}>
            {t('phoneBooking')}
          </Link>
        }
      >
        {t('list.title')}
      </PageTitle>
      <Card>
        <ClientSearch action="/admin/clients" q={q} />
      </Card>
      <Card>
        <ClientRows items={page.items} href={(id) => `/admin/clients/${id}`} />
        <div className="mt-3 border-t border-slate-100 pt-3">
          <Pager
            total={page.total}
            capped={page.capped}
            next={page.next}
            atStart={!cursor}
            href={(c) => `/admin/clients${withParams(sp, { cursor: c ?? '' })}`}
          />
        </div>
      </Card>
    </div>
  );
}
