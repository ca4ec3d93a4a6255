import 'server-only';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { DomainError } from '@/lib/errors';

/**
 * Loads what a page shows by its id. A malformed id, and a module's not_found (which also covers "not yours":
 * modules answer another user's record as not found), are the page's 404; anything else is thrown on.
 */
export async function orNotFound<T>(id: string, load: () => Promise<T>): Promise<T> {
  if (!z.uuid().safeParse(id).success) notFound();
  try {
    return await load();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'not_found') notFound();
    throw error;
  }
}
