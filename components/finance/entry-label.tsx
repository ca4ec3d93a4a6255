import Link from 'next/link';
import type { ReactNode } from 'react';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ruleText } from '@/lib/finance/shared';
import { reasonWords } from '@/lib/i18n/shared';
import { pageLocale } from '@/lib/i18n';

type EntryLabelProps = {
  kind: string;
  orderId: string | null;
  orderNumber: string | null;
  invoiceId: string | null;
  reason: string | null;
  reversed: boolean;
  /** Where an order links for this reader (client: /orders/<id>, staff: /admin/orders/<id>); null: no link. */
  orderHref: ((orderId: string) => string) | null;
  ruleCode?: string | null;
  ruleValue?: number | null;
};

/** The label of a history row: the entry's own fields, and the reason and order link as the reader's page shows them. */
export function entryLabel(
  r: Pick<EntryLabelProps, 'kind' | 'orderId' | 'orderNumber' | 'reversed' | 'ruleCode' | 'ruleValue'>,
  view: Pick<EntryLabelProps, 'invoiceId' | 'reason' | 'orderHref'>,
): EntryLabelProps {
  const { kind, orderId, orderNumber, reversed, ruleCode, ruleValue } = r;
  return { kind, orderId, orderNumber, reversed, ruleCode, ruleValue, ...view };
}

/**
 * One ledger entry in a history list (the client's statement, a ledger account, a worker's earnings): when, what
 * (EntryLabel), and the amounts the reader's page puts on the right (`children`).
 */
export async function EntryRow({
  at,
  label,
  category,
  children,
}: {
  at: Date;
  label: EntryLabelProps;
  /** data-category of the row, where the page tells kinds of entries apart. */
  category?: string;
  children: ReactNode;
}) {
  const format = await getFormatter();
  return (
    <li className="flex flex-wrap items-start justify-between gap-2 py-3" data-category={category}>
      <div className="min-w-0">
        <p className="text-xs text-slate-500">{format.dateTime(at, { dateStyle: 'medium', timeStyle: 'short' })}</p>
        <EntryLabel {...label} />
      </div>
      {children}
    </li>
  );
}

/** What a ledger entry is, in words, with links to its order and invoice. */
export async function EntryLabel({
  kind,
  orderId,
  orderNumber,
  invoiceId,
  reason,
  reversed,
  orderHref,
  ruleCode = null,
  ruleValue = null,
}: EntryLabelProps) {
  const t = await getTranslations('finance');
  const locale = await pageLocale();
  // A rule-based fine reads as its rule ("Late start by 12 min") in the reader's language; others show the reason given.
  const note = ruleCode ? ruleText(ruleCode, ruleValue, locale) : reasonWords(reason, locale);
  const label = t.has(`kinds.${kind}`) ? t(`kinds.${kind}`) : kind;
  return (
    <span className="block">
      <span className="font-medium">{label}</span>
      {orderId && orderNumber ? (
        <>
          {' · '}
          {orderHref ? (
            <Link href={orderHref(orderId)} className="text-emerald-800 underline">
              {orderNumber}
            </Link>
          ) : (
            orderNumber
          )}
        </>
      ) : null}
      {invoiceId ? (
        <>
          {' · '}
          <Link href={`/invoices/${invoiceId}`} className="text-emerald-800 underline">
            {t('invoice')}
          </Link>
        </>
      ) : null}
      {reversed ? (
        <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600">{t('reversed')}</span>
      ) : null}
      {note ? <span className="block text-sm text-slate-500">{note}</span> : null}
    </span>
  );
}
