import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { StaffNoteForm } from '@/components/clients/record-forms';
import { StaffNotesList } from '@/components/clients/staff-notes';
import { staffNotesForOrder } from '@/lib/clients';
import { cardContext, type ManagerOrder } from '../context';

/** Staff's private notes on the client that bear on this order, and a form to add one. */
export async function NotesCard({ order }: { order: ManagerOrder }) {
  const { actor, db, tz } = await cardContext();
  const [notes, t] = await Promise.all([staffNotesForOrder(db, actor, order.id), getTranslations('clients')]);
  return (
    <Card title={t('notes.title')}>
      <p className="mb-3 text-sm text-slate-600">
        {t('notes.private')}{' '}
        <Link href={`/admin/clients/${order.client.id}`} className="text-emerald-800 underline">
          {t('booking.openRecord')}
        </Link>
      </p>
      <StaffNotesList notes={notes} timeZone={tz} />
      <StaffNoteForm clientId={order.client.id} orders={[]} orderId={order.id} />
    </Card>
  );
}
