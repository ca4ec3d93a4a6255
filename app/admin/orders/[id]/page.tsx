import { Suspense, type ReactNode } from 'react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PageTitle } from '@/components/ui/card';
import { CardSkeleton } from '@/components/ui/page-skeleton';
import { StatusBadge } from '@/components/ui/status-badge';
import { MatchingPanel } from '@/components/matching/matching-panel';
import { BlockedWorkersPanel } from '@/components/matching/blocked-workers-panel';
import { cardContext, loadOrder } from './context';
import { OutcomeCard } from './cards/outcome-card';
import { StaffChangeCard } from './cards/staff-change-card';
import { ClientCard } from './cards/client-card';
import { MoneyCard } from './cards/money-card';
import { WorkerCard } from './cards/worker-card';
import { NotesCard } from './cards/notes-card';
import { TimelineCard } from './cards/timeline-card';
import { ContactsCard } from './cards/contacts-card';
import { QualityFormsCard } from './cards/quality-forms-card';

export async function generateMetadata({ params }: PageProps<'/admin/orders/[id]'>): Promise<Metadata> {
  const record = await loadOrder((await params).id);
  const t = await getTranslations('orders');
  return { title: t('page.number', { number: record.number }) };
}

/** A card that loads its own data: the rest of the page shows while it does. */
function Slot({ children }: { children: ReactNode }) {
  return <Suspense fallback={<CardSkeleton />}>{children}</Suspense>;
}

/**
 * The manager's order page: the order (a 404 before anything streams), then cards, each an async server component
 * that loads its own data under its own Suspense boundary, so their queries run at once. A new card (payments,
 * a tip for the worker) is one component in ./cards and one line here.
 */
export default async function ManagerOrderPage({ params }: PageProps<'/admin/orders/[id]'>) {
  const order = await loadOrder((await params).id);
  const [{ name, when, format, tz }, t] = await Promise.all([cardContext(), getTranslations('quality')]);
  return (
    <div className="space-y-4">
      <PageTitle actions={<StatusBadge status={order.status} label={t(`status.${order.status}`)} />}>
        {order.number}
      </PageTitle>
      <p className="text-sm text-slate-600">
        {name(order.service)} · {name(order.zone)} · {when(order.scheduledStart)} –{' '}
        {format.dateTime(order.scheduledEnd, { timeStyle: 'short', timeZone: tz })}
        {order.redoOf ? (
          <>
            {' · '}
            {t('order.redoOf')}{' '}
            <Link className="text-emerald-800 underline" href={`/admin/orders/${order.redoOf.id}`}>
              {order.redoOf.number}
            </Link>
          </>
        ) : null}
      </p>

      <div className="grid gap-4 lg:grid-cols-2">
        <Slot>
          <OutcomeCard order={order} />
        </Slot>
        <Slot>
          <StaffChangeCard order={order} />
        </Slot>
        <Slot>
          <ClientCard order={order} />
        </Slot>
        <Slot>
          <MoneyCard order={order} />
        </Slot>
        <Slot>
          <WorkerCard order={order} />
        </Slot>
      </div>

      <Slot>
        <NotesCard order={order} />
      </Slot>
      <Slot>
        <MatchingPanel orderId={order.id} />
      </Slot>
      <Slot>
        <BlockedWorkersPanel
          clientId={order.client.id}
          worker={order.worker ? { id: order.worker.id, name: order.worker.name } : null}
          timeZone={tz}
        />
      </Slot>
      <TimelineCard order={order} />
      <Slot>
        <ContactsCard order={order} />
      </Slot>
      <Slot>
        <QualityFormsCard order={order} />
      </Slot>
    </div>
  );
}
