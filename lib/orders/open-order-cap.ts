import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { orders, users } from '@/db/schema';
import { DomainError } from '@/lib/errors';

/** Open bookings a client whose email is not verified yet may have (issue 15: a cap, not a wall). */
export const UNVERIFIED_OPEN_ORDERS = 3;
const OPEN_STATUSES = ['pending', 'assigned', 'in_progress'] as const;

/**
 * Refuses a client's new booking when they already have as many open ones as allowed: UNVERIFIED_OPEN_ORDERS
 * until their email is verified, then the maxOpenOrdersPerClient setting. A one-off order counts once and a
 * plan counts once however many visits it has open. Call it inside the booking's transaction: it locks the
 * client's row, so two bookings at once cannot both take the last place.
 */
export async function assertOpenOrderRoom(tx: Db, clientId: string, maxVerified: number): Promise<void> {
  const [client] = await tx
    .select({ verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, clientId))
    .for('update');
  const [{ open }] = await tx
    .select({ open: sql<number>`count(distinct coalesce(${orders.planId}, ${orders.id}))::int` })
    .from(orders)
    .where(and(eq(orders.clientId, clientId), inArray(orders.status, [...OPEN_STATUSES])));
  const verified = Boolean(client?.verifiedAt);
  const limit = verified ? maxVerified : UNVERIFIED_OPEN_ORDERS;
  if (open >= limit) {
    const key = verified ? 'errors.openOrdersLimit' : 'errors.openOrdersUnverified';
    throw new DomainError('conflict', key, {}, `client ${clientId} has ${open} open of ${limit}`);
  }
}
