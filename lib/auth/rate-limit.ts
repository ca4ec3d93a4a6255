import 'server-only';
import { and, count, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '@/db';
import { rateEvents } from '@/db/schema';
import { DomainError } from '@/lib/errors';

/**
 * Takes one slot of `bucket`: at most `limit` in `windowMinutes`, else rate_limited. The event is written
 * before it is counted, so a parallel burst cannot get more than `limit` through; a refused attempt counts
 * too. Run it outside the caller's transaction, so a slot taken by an attempt that then fails still counts.
 */
export async function takeRateSlot(
  db: Db,
  bucket: string,
  limit: number,
  windowMinutes: number,
  now = new Date(),
): Promise<void> {
  await db.insert(rateEvents).values({ bucket, at: now });
  const since = new Date(now.getTime() - windowMinutes * 60_000);
  const [{ n }] = await db
    .select({ n: count() })
    .from(rateEvents)
    .where(and(eq(rateEvents.bucket, bucket), gt(rateEvents.at, since)));
  // Old events are of no use; trim them now and then rather than with a separate job.
  if (Math.random() < 0.01) await db.delete(rateEvents).where(lt(rateEvents.at, new Date(now.getTime() - 86_400_000)));
  if (n > limit) throw new DomainError('rate_limited', 'errors.tooManyAttempts');
}
