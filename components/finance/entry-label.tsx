import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ruleText } from '@/lib/finance/shared';
import { reasonWords } from '@/lib/i18n/shared';
import { pageLocale } from '@/lib/i18n';

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
}: {
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
}) {
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
