import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { checkoutSessions, invoices, users } from '@/db/schema';
import { assertRole, type Actor } from '@/lib/actor';
import { env } from '@/lib/env';
import { conflict, notFound } from '@/lib/errors';
import { stripeProvider } from './stripe';
import type { PaymentProvider } from './types';
import { amountDue, invoiceMoneyColumns } from '@/lib/finance';

/** The online provider in use (Stripe); the manual bank transfer adapter is bank-transfer.ts. */
export function onlineProvider(): PaymentProvider {
  return stripeProvider;
}

/**
 * A client starts paying their invoice online: a hosted checkout session for what is still outstanding.
 * Returns the provider's page to redirect to. The session is recorded so the webhook can find the invoice.
 */
export async function startCheckout(
  db: Db,
  actor: Actor,
  invoiceId: string,
  provider: PaymentProvider = onlineProvider(),
): Promise<{ url: string }> {
  assertRole(actor, 'client');
  if (!provider.enabled()) throw conflict('billing.errors.paymentsUnavailable');
  const [inv] = await db
    .select({
      ...invoiceMoneyColumns,
      email: users.email,
    })
    .from(invoices)
    .innerJoin(users, eq(users.id, invoices.clientId))
    .where(eq(invoices.id, invoiceId));
  if (!inv || inv.clientId !== actor.id) throw notFound('billing.errors.invoiceNotFound');
  if (inv.status !== 'open') throw conflict('billing.errors.invoiceNotOpen');
  const amount = amountDue(inv);
  if (amount <= 0) throw conflict('billing.errors.invoiceNotOpen');
  const back = `${env().APP_URL}/invoices/${inv.id}`;
  const created = await provider.createCheckout({
    invoiceId: inv.id,
    invoiceNumber: inv.number,
    clientId: inv.clientId,
    clientEmail: inv.email,
    amount,
    currency: inv.currency,
    successUrl: `${back}?checkout=success`,
    cancelUrl: `${back}?checkout=cancelled`,
    locale: actor.locale,
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
    })
    .onConflictDoNothing();
  return { url: created.url };
}
