import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { reasonLabel } from '@/lib/quality/shared';
import { bookedBy, cardContext, type ManagerOrder } from '../context';

/** Every event of the order, with who caused it (staff who booked it for the client, a person, or the system). */
export async function TimelineCard({ order }: { order: ManagerOrder }) {
  const [{ when }, t, tc] = await Promise.all([cardContext(), getTranslations('quality'), getTranslations('clients')]);
  const who = (e: ManagerOrder['timeline'][number]) => {
    const by = e.kind === 'created' ? bookedBy(e.data) : null;
    if (by) return ` · ${t('order.bookedBy', { name: by.name, role: tc(`roles.${by.role}`) })}`;
    if (e.actorName) return ` · ${e.actorName}`;
    return e.actorRole === null ? ` · ${t('order.system')}` : '';
  };
  return (
    <Card title={t('order.timeline')}>
      <ol className="space-y-2 text-sm">
        {order.timeline.map((e) => (
          <li key={e.id} className="border-l-2 border-slate-200 pl-3">
            <span className="font-medium">{t.has(`events.${e.kind}`) ? t(`events.${e.kind}`) : e.kind}</span> ·{' '}
            {when(e.at)}
            {who(e)}
            {e.reason ? ` · ${reasonLabel(t, e.reason)}` : ''}
            {e.data.late === true ? ` · ${t('order.late', { minutes: Number(e.data.lateMinutes ?? 0) })}` : ''}
          </li>
        ))}
      </ol>
    </Card>
  );
}
