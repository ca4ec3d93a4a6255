import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { ContactForm } from '@/components/quality/contact-form';
import { listContacts } from '@/lib/quality';
import { cardContext, type ManagerOrder } from '../context';

/** The contact log with the client about this order, and a form to log a call or send a message. */
export async function ContactsCard({ order }: { order: ManagerOrder }) {
  const { actor, db, when } = await cardContext();
  const [contacts, t] = await Promise.all([listContacts(db, actor, order.id), getTranslations('quality')]);
  return (
    <Card title={t('contacts.title')}>
      <ul className="mb-4 divide-y divide-slate-100 text-sm" data-testid="contact-log">
        {contacts.length === 0 ? <li className="text-slate-500">{t('contacts.empty')}</li> : null}
        {contacts.map((c) => (
          <li key={c.id} className="py-2">
            <span className="font-medium">{t(`contacts.kinds.${c.kind}`)}</span> ·{' '}
            {t.has(`contacts.outcomes.${c.outcome}`) ? t(`contacts.outcomes.${c.outcome}`) : c.outcome} · {when(c.at)} ·{' '}
            {c.authorName}
            {c.subject ? <p className="font-medium">{c.subject}</p> : null}
            {c.body ? <p className="whitespace-pre-line text-slate-700">{c.body}</p> : null}
          </li>
        ))}
      </ul>
      <ContactForm orderId={order.id} orderNumber={order.number} clientName={order.client.name} />
    </Card>
  );
}
