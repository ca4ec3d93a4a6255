import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import { notificationOptOuts } from '@/db/schema';
import type { Actor } from '@/lib/actor';
import { kindDefinition, notificationKinds, type NotificationKind } from '@/emails/registry';
import type { Audience } from '@/emails/define';

export const emailPreferencesInput = z.object({ optOut: z.array(z.string().max(64)).max(50) });
export type EmailPreferencesInput = z.infer<typeof emailPreferencesInput>;

function audienceOf(actor: Actor): Audience {
  return actor.role === 'client' ? 'client' : actor.role === 'worker' ? 'worker' : 'manager';
}

/** The kinds this person may turn off: not essential, and addressed to people in their role. */
export function optionalKindsFor(actor: Actor): NotificationKind[] {
  const audience = audienceOf(actor);
  return notificationKinds.filter((k) => {
    const def = kindDefinition(k);
    return !def.essential && (def.audience === audience || def.audience === 'anyone');
  });
}

export async function listEmailPreferences(
  db: Db,
  actor: Actor,
): Promise<{ kind: NotificationKind; enabled: boolean }[]> {
  const optional = optionalKindsFor(actor);
  if (optional.length === 0) return [];
  const off = await db
    .select({ kind: notificationOptOuts.kind })
    .from(notificationOptOuts)
    .where(and(eq(notificationOptOuts.userId, actor.id), inArray(notificationOptOuts.kind, optional)));
  const offSet = new Set(off.map((o) => o.kind));
  return optional.map((kind) => ({ kind, enabled: !offSet.has(kind) }));
}

/** Replaces the actor's own opt-outs among their optional kinds; anything else in the input is ignored. */
export async function setEmailPreferences(db: Db, actor: Actor, raw: EmailPreferencesInput): Promise<void> {
  const input = emailPreferencesInput.parse(raw);
  const optional: string[] = optionalKindsFor(actor);
  if (optional.length === 0) return;
  const off = [...new Set(input.optOut)].filter((k) => optional.includes(k));
  await db.transaction(async (tx) => {
    await tx
      .delete(notificationOptOuts)
      .where(and(eq(notificationOptOuts.userId, actor.id), inArray(notificationOptOuts.kind, optional)));
    if (off.length) await tx.insert(notificationOptOuts).values(off.map((kind) => ({ userId: actor.id, kind })));
  });
}
