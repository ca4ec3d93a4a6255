'use server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getDb } from '@/db';
import { requireApiRole } from '@/lib/session';
import { onlineProvider, providers, removeSavedCard, startCardSetup } from '@/lib/payments';

/** "Save a card": the provider's hosted page in setup mode. */
export async function saveCardAction(): Promise<void> {
  const actor = await requireApiRole('client');
  const db = await getDb();
  const { url } = await startCardSetup(db, actor, await onlineProvider(db));
  redirect(url);
}

/** Removes one of the client's saved cards. */
export async function removeCardAction(cardId: string): Promise<void> {
  const actor = await requireApiRole('client');
  await removeSavedCard(await getDb(), actor, z.uuid().parse(cardId), providers);
  redirect('/billing?card=removed');
}
