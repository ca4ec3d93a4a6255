import { getTranslations } from 'next-intl/server';
import { Card, PageTitle, Placeholder } from '@/components/ui/card';
import { EntryRow, entryLabel } from '@/components/finance/entry-label';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { clientStatement } from '@/lib/finance';
import { listSavedCards, onlineProvider } from '@/lib/payments';
import { Button } from '@/components/ui/button';
import { removeCardAction, saveCardAction } from './actions';
import { one } from '@/lib/quality/shared';
import { formatMoney } from '@/lib/money';
import { ListPager } from '@/components/ui/pager';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('finance', 'billing.title');

export default async function BillingPage({ searchParams }: PageProps<'/billing'>) {
  const actor = await requireRole('client');
  const db = await getDb();
  const sp = await searchParams;
  const statement = await clientStatement(db, actor, actor.id, { cursor: one(sp, 'cursor') });
  const cards = await listSavedCards(db, actor);
  const provider = await onlineProvider(db);
  const canSetup = provider.enabled() && Boolean(provider.createCardSetup);
  const cardNote = sp.card === 'saved' || sp.card === 'removed' || sp.card === 'cancelled' ? sp.card : null;
  const t = await getTranslations('finance');
  const locale = await pageLocale();
  const money = (minor: number) => formatMoney(minor, statement.currency, locale);
  const { balance } = statement;
  return (
    <div className="space-y-6">
      <PageTitle>{t('billing.title')}</PageTitle>
      <Card>
        <p className="text-sm text-slate-600">{t('billing.balance')}</p>
        <p className="text-3xl font-semibold" data-testid="client-balance">
          {money(Math.abs(balance))}
        </p>
        <p className="text-sm text-slate-600">
          {balance > 0 ? t('billing.owes') : balance < 0 ? t('billing.inCredit') : t('billing.settled')}
        </p>
        {statement.credit > 0 ? (
          <p className="mt-2 text-sm text-emerald-700" data-testid="client-credit">
            {t('billing.credit', { amount: money(statement.credit) })}
          </p>
        ) : null}
      </Card>
      <Card title={t('billing.cards.title')}>
        {cardNote ? (
          <p role="status" className="mb-3 rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900">
            {t(`billing.cards.${cardNote}`)}
          </p>
        ) : null}
        {cards.length === 0 ? <Placeholder>{t('billing.cards.none')}</Placeholder> : null}
        <ul className="divide-y divide-slate-100" data-testid="saved-cards">
          {cards.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <div>
                <p className="font-medium capitalize">{t('billing.cards.card', { brand: c.brand, last4: c.last4 })}</p>
                <p className="text-xs text-slate-500">
                  {t('billing.cards.expires', { month: String(c.expMonth).padStart(2, '0'), year: c.expYear })}
                </p>
              </div>
              <form action={removeCardAction.bind(null, c.id)}>
                <Button
                  type="submit"
                  variant="secondary"
                  aria-label={t('billing.cards.removeLabel', { last4: c.last4 })}
                >
                  {t('billing.cards.remove')}
                </Button>
              </form>
            </li>
          ))}
        </ul>
        <div className="mt-3 space-y-2">
          {canSetup ? (
            <form action={saveCardAction}>
              <Button type="submit">{t('billing.cards.add')}</Button>
            </form>
          ) : (
            <p className="text-sm text-slate-600">{t('billing.cards.addWithPayment')}</p>
          )}
          <p className="text-xs text-slate-500">{t('billing.cards.only')}</p>
        </div>
      </Card>
      <Card title={t('billing.history')}>
        {statement.rows.length === 0 ? <Placeholder>{t('billing.empty')}</Placeholder> : null}
        <ul className="divide-y divide-slate-100" data-testid="client-history">
          {statement.rows.map((r) => (
            <EntryRow
              key={`${r.entryId}`}
              at={r.at}
              label={entryLabel(r, { invoiceId: r.invoiceId, reason: null, orderHref: (id) => `/orders/${id}` })}
            >
              <div className="text-right">
                <p className={`font-medium tabular-nums ${r.amount > 0 ? 'text-slate-900' : 'text-emerald-700'}`}>
                  {r.amount > 0 ? '+' : '−'}
                  {money(Math.abs(r.amount))}
                </p>
                <p className="text-xs text-slate-500 tabular-nums">
                  {t('billing.balanceAfter', { amount: money(r.balance) })}
                </p>
              </div>
            </EntryRow>
          ))}
        </ul>
        <ListPager page={statement} path="/billing" params={{ cursor: sp.cursor }} />
        <p className="mt-3 text-xs text-slate-500">{t('billing.explain')}</p>
      </Card>
    </div>
  );
}
