import { getFormatter, getTranslations } from 'next-intl/server';
import type { StaffNoteDto } from '@/lib/clients';

/** The staff notes that go with an order (the client's permanent ones and this order's one-offs). Never for clients. */
export async function StaffNotesList({ notes, timeZone }: { notes: StaffNoteDto[]; timeZone: string }) {
  const t = await getTranslations('clients.notes');
  const format = await getFormatter();
  if (notes.length === 0) return <p className="text-sm text-slate-500">{t('empty')}</p>;
  return (
    <ul className="space-y-2 text-sm" data-testid="order-staff-notes">
      {notes.map((n) => (
        <li key={n.id} className="border-l-2 border-amber-400 pl-3">
          <p className="break-words whitespace-pre-line">{n.body}</p>
          <p className="text-xs text-slate-500">
            {n.kind === 'permanent' ? t('kinds.permanent') : t('forOrder', { number: n.orderNumber ?? '' })}
            {' · '}
            {format.dateTime(n.createdAt, { dateStyle: 'medium', timeZone })}
            {n.authorName ? ` · ${n.authorName}` : ''}
          </p>
        </li>
      ))}
    </ul>
  );
}
