import 'server-only';
import type { Db } from '@/db';
import { checkoutSessions } from '@/db/schema';
import { assertRole, type Actor } from '@/lib/actor';
import { env } from '@/lib/env';
import { conflict } from '@/lib/errors';
import { getInvoice, type InvoiceDetailDto } from '@/lib/finance';
import { getSettings, type Settings } from '@/lib/settings';
import { providerCustomerOf } from './cards';
import { buildReceipt, type Receipt } from './receipt';
import { stripeProvider } from './stripe';
import type { PaymentProvider } from './types';
import { yookassaProvider } from './yookassa';

/** The adapters by name (the manual bank transfer adapter is bank-transfer.ts). */
export const providers: Record<'stripe' | 'yookassa', PaymentProvider> = {
  stripe: stripeProvider,
  yookassa: yookassaProvider,
};

/**
 * The provider that charges saved cards off-session: a test's override, else the company's choice; null when it
 * is not configured or cannot charge a saved card (automatic charges, visit charges and card tips all ask this).
 */
export function cardChargingProvider(settings: Settings, override?: PaymentProvider): PaymentProvider | null {
  const provider = override ?? providers[settings.paymentProvider];
  return provider.enabled() && provider.chargeSavedCard ? provider : null;
}

/** A provider that can charge a saved card off-session. */
export type CardCharger = PaymentProvider & Required<Pick<PaymentProvider, 'chargeSavedCard'>>;
const chargesCards = (p: PaymentProvider | null): p is CardCharger => !!p?.chargeSavedCard;

/**
 * What one off-session charge (an invoice's or a visit's) starts from: the clock, the company's settings and the
 * provider that charges saved cards; null when none can.
 */
export async function cardChargeContext(
  db: Db,
  opts: { now?: Date; provider?: PaymentProvider },
): Promise<{ now: Date; settings: Settings; provider: CardCharger } | null> {
  const settings = await getSettings(db);
  const provider = cardChargingProvider(settings, opts.provider);
  return chargesCards(provider) ? { now: opts.now ?? new Date(), settings, provider } : null;
}

/** The online provider the company chose in its settings (paymentProvider). */
export async function onlineProvider(db: Db): Promise<PaymentProvider> {
  return providers[(await getSettings(db)).paymentProvider];
}

/** A tip as a receipt item (fiscal documents are in Russian). */
export const tipReceiptText = (workerFirstName: string, orderNumber: string) =>
  `Чаевые исполнителю ${workerFirstName}, заказ ${orderNumber}`;

/** An invoice line as a receipt line: the service in Russian (fiscal documents are), the order number. */
export function receiptLines(inv: InvoiceDetailDto) {
  return inv.lines.map((l) => ({
    description:
      l.kind === 'tip'
        ? tipReceiptText(l.workerFirstName ?? '', l.orderNumber)
        : `${l.kind === 'order' ? l.serviceRu : `${l.serviceRu}: ${l.kind === 'cancellation_fee' ? 'плата за отмену' : 'оплата по заказу'}`}, заказ ${l.orderNumber}`,
    amount: l.amount,
  }));
}

/**
 * The 54-FZ receipt for paying `amount` of an invoice: its lines, each with its share of the amount when the
 * amount is not the whole invoice (paid in part before, credited, or covered by the client's credit), with the
 * company's VAT code; full_payment when the amount settles what is due.
 */
export function invoiceReceipt(inv: InvoiceDetailDto, amount: number, vatCode: number): Receipt {
  return buildReceipt({
    customerEmail: inv.clientEmail,
    lines: receiptLines(inv),
    amount,
    vatCode,
    settlesInvoice: amount >= inv.outstanding,
  });
}

/**
 * A client starts paying their invoice online: a hosted checkout session for what is still outstanding.
 * Returns the provider's page to redirect to. The session is recorded so the webhook can find the invoice.
 */
export async function startCheckout(
  db: Db,
  actor: Actor,
  invoiceId: string,
  opts: { saveCard?: boolean; provider?: PaymentProvider } = {},
): Promise<{ url: string }> {
  assertRole(actor, 'client');
  const provider = opts.provider ?? (await onlineProvider(db));
  const saveCard = opts.saveCard ?? false;
  if (!provider.enabled()) throw conflict('billing.errors.paymentsUnavailable');
  // Another client's invoice is NotFound (getInvoice checks).
  const inv = await getInvoice(db, actor, invoiceId);
  if (inv.status !== 'open' && inv.status !== 'overdue') throw conflict('billing.errors.invoiceNotOpen');
  const amount = inv.outstanding;
  if (amount <= 0) throw conflict('billing.errors.invoiceNotOpen');
  const { receiptVatCode } = await getSettings(db);
  const back = `${env().APP_URL}/invoices/${inv.id}`;
  const created = await provider.createCheckout({
    invoiceId: inv.id,
    invoiceNumber: inv.number,
    clientId: inv.clientId,
    clientEmail: inv.clientEmail,
    amount,
    currency: inv.currency,
    successUrl: `${back}?checkout=success`,
    cancelUrl: `${back}?checkout=cancelled`,
    locale: actor.locale,
    receipt: invoiceReceipt(inv, amount, receiptVatCode),
    saveCard,
    providerCustomerId: saveCard ? await providerCustomerOf(db, inv.clientId, provider.name) : null,
  });
  await db
    .insert(checkoutSessions)
    .values({
      provider: provider.name,
      providerSessionId: created.providerSessionId,
      invoiceId: inv.id,
      clientId: inv.clientId,
      amount,
      currency: inv.currency,
      url: created.url,
      saveCard,
    })
    .onConflictDoNothing();
  return { url: created.url };
}
