import 'server-only';
import type { Db } from '@/db';
import { assertStaff, type Actor } from '@/lib/actor';
import { createClientByStaff, type NewClientInput } from '@/lib/auth';
import { validationFailed } from '@/lib/errors';
import { createOrder } from '@/lib/orders';
import { createPlan } from '@/lib/plans';
import { phoneBookingInput, type PhoneBookingInput, type PhoneClientResult } from './schemas';

/**
 * A phone booking's first step for a caller who is not on file: their account, with the invitation to set a
 * password emailed (lib/auth). A taken email offers the client who has it; an email of a staff or worker
 * account is a form error (a booking can only be for a client).
 */
export async function createPhoneClient(db: Db, actor: Actor, raw: NewClientInput): Promise<PhoneClientResult> {
  assertStaff(actor);
  const result = await createClientByStaff(db, actor, raw);
  if (result.created) return { status: 'created', clientId: result.clientId };
  const { existing } = result;
  if (existing.role !== 'client')
    throw validationFailed({ email: 'clients.errors.emailNotAClient' }, 'clients.errors.emailNotAClient');
  return {
    status: 'existing',
    client: { id: existing.id, name: existing.name, email: existing.email, phone: existing.phone ?? '' },
  };
}

/**
 * Books for the client who phoned in: the client's own order form and schema, the same booking rules,
 * estimate and emails (lib/orders createOrder, or lib/plans createPlan for a recurring plan), with the manager
 * as the actor acting on the client's behalf. Returns where to go next.
 */
export async function bookForClient(
  db: Db,
  actor: Actor,
  raw: PhoneBookingInput,
  opts: { now?: Date; match?: boolean } = {},
): Promise<{ orderId: string | null; planId: string | null }> {
  assertStaff(actor);
  const { clientId, ...input } = phoneBookingInput.parse(raw);
  if (input.repeat !== 'once') {
    const plan = await createPlan(db, actor, input, { ...opts, clientId });
    return { orderId: plan.firstOrderId, planId: plan.planId };
  }
  const order = await createOrder(db, actor, input, { ...opts, clientId });
  return { orderId: order.id, planId: null };
}
