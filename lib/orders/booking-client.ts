import 'server-only';
import type { Db } from '@/db';
import { isStaff, type Actor } from '@/lib/actor';
import { account } from '@/lib/auth';
import { forbidden, notFound, validationFailed } from '@/lib/errors';

/**
 * Whose booking this is. A client books for themself; a manager or an admin books for a client who phoned in
 * (`onBehalf`), naming the client. Anyone else, a client naming another client, or staff naming a non-client
 * or a disabled account, is refused here, inside the module, whatever the page or action checked.
 */
export type BookingFor = { clientId: string; onBehalf: boolean };

export async function bookingClient(db: Db, actor: Actor, clientId?: string): Promise<BookingFor> {
  if (actor.role === 'client') {
    if (clientId && clientId !== actor.id) throw forbidden();
    return { clientId: actor.id, onBehalf: false };
  }
  if (!isStaff(actor)) throw forbidden();
  if (!clientId) throw validationFailed({ clientId: 'orders.errors.clientRequired' }, 'orders.errors.clientRequired');
  const client = await account(db, clientId);
  if (!client || client.role !== 'client') throw notFound('orders.errors.clientNotFound');
  if (client.disabled)
    throw validationFailed({ clientId: 'orders.errors.clientDisabled' }, 'orders.errors.clientDisabled');
  return { clientId, onBehalf: true };
}

/** What the booking's first event records about who booked it on the client's behalf ("booked by Maria, manager"). */
export function bookedByData(actor: Actor, booking: BookingFor): { bookedBy?: { name: string; role: string } } {
  return booking.onBehalf ? { bookedBy: { name: actor.name, role: actor.role } } : {};
}
