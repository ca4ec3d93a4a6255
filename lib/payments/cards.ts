import 'server-only';
import { and, desc, eq, isNull, isNotNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { checkoutSessions, savedPaymentMethods } from '@/db/schema';
import { assertRole, type Actor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit';
import { env } from '@/lib/env';
import { conflict, notFound } from '@/lib/errors';
import { getSettings } from '@/lib/settings';
import type { PaymentProvider, SavedCardFact } from './types';

export type SavedCardDto = {
  id: string;
  provider: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  createdAt: Date;
};

/** The client's saved cards (not removed), newest first. */
export async function listSavedCards(db: Db, actor: Actor): Promise<SavedCardDto[]> {
  assertRole(actor, 'client');
  return db
    .select({
      id: savedPaymentMethods.id,
      provider: savedPaymentMethods.provider,
      brand: savedPaymentMethods.brand,
      last4: savedPaymentMethods.last4,
      expMonth: savedPaymentMethods.expMonth,
      expYear: savedPaymentMethods.expYear,
      createdAt: savedPaymentMethods.createdAt,
    })
    .from(savedPaymentMethods)
    .where(and(eq(savedPaymentMethods.clientId, actor.id), isNull(savedPaymentMethods.removedAt)))
    .orderBy(desc(savedPaymentMethods.createdAt));
}

/** The client's customer at a provider (Stripe), from any card they saved there, removed ones included. */
export async function providerCustomerOf(db: Db, clientId: string, provider: string): Promise<string | null> {
  const [row] = await db
    .select({ customer: savedPaymentMethods.providerCustomerId })
    .from(savedPaymentMethods)
    .where(
      and(
        eq(savedPaymentMethods.clientId, clientId),
        eq(savedPaymentMethods.provider, provider),
        isNotNull(savedPaymentMethods.providerCustomerId),
      ),
    )
    .limit(1);
  return row?.customer ?? null;
}

/**
 * Keeps a card the provider saved for a client (from a verified webhook, in its transaction). The same provider
 * method saved again is one row (brought back if it was removed).
 */
export async function keepSavedCard(tx: Db, clientId: string, provider: string, card: SavedCardFact): Promise<void> {
  await tx
    .insert(savedPaymentMethods)
    .values({ clientId, provider, ...card })
    .onConflictDoUpdate({
      target: [savedPaymentMethods.provider, savedPaymentMethods.providerMethodId],
      set: { removedAt: null, expMonth: card.expMonth, expYear: card.expYear },
      setWhere: eq(savedPaymentMethods.clientId, clientId),
    });
}

/**
 * A client saves a card without paying: the provider's hosted page (Stripe Checkout in setup mode). YooKassa
 * saves a card only with a payment ("save this card" on an invoice), so there this is refused.
 */
export async function startCardSetup(db: Db, actor: Actor, provider: PaymentProvider): Promise<{ url: string }> {
  assertRole(actor, 'client');
  if (!provider.enabled() || !provider.createCardSetup) throw conflict('billing.errors.cardSetupUnavailable');
  const { currency } = await getSettings(db);
  const back = `${env().APP_URL}/billing`;
  const created = await provider.createCardSetup({
    clientId: actor.id,
    clientEmail: actor.email,
    providerCustomerId: await providerCustomerOf(db, actor.id, provider.name),
    currency,
    successUrl: `${back}?card=saved`,
    cancelUrl: `${back}?card=cancelled`,
    locale: actor.locale,
  });
  await db
    .insert(checkoutSessions)
    .values({
      provider: provider.name,
      providerSessionId: created.providerSessionId,
      invoiceId: null,
      clientId: actor.id,
      amount: 0,
      currency,
      url: created.url,
      purpose: 'setup',
    })
    .onConflictDoNothing();
  return { url: created.url };
}

/**
 * The client removes a saved card: it is never charged again. The provider is told where it has a call for it
 * (Stripe detaches the PaymentMethod); the row stays, marked removed, for the history. Audited.
 */
export async function removeSavedCard(
  db: Db,
  actor: Actor,
  cardId: string,
  providers: Record<string, PaymentProvider>,
): Promise<void> {
  assertRole(actor, 'client');
  const [card] = await db
    .select({
      id: savedPaymentMethods.id,
      provider: savedPaymentMethods.provider,
      providerMethodId: savedPaymentMethods.providerMethodId,
      last4: savedPaymentMethods.last4,
    })
    .from(savedPaymentMethods)
    .where(
      and(
        eq(savedPaymentMethods.id, cardId),
        eq(savedPaymentMethods.clientId, actor.id),
        isNull(savedPaymentMethods.removedAt),
      ),
    );
  if (!card) throw notFound('billing.errors.cardNotFound');
  // First at the provider: if that fails, the card stays listed and the client can try again.
  await providers[card.provider]?.detachCard?.({ providerMethodId: card.providerMethodId });
  await db.transaction(async (tx) => {
    await tx.update(savedPaymentMethods).set({ removedAt: new Date() }).where(eq(savedPaymentMethods.id, card.id));
    await recordAudit(tx, actor, {
      action: 'payment_method.remove',
      entity: 'saved_payment_method',
      entityId: card.id,
      before: { provider: card.provider, last4: card.last4 },
    });
  });
}
