import 'server-only';
import { and, desc, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '@/db';
import { matchRuns } from '@/db/schema';
import type { MatchRunSummary } from './shared';

/** The latest finished matching sweeps, newest first; with `startedBy`, only those started by then. */
export async function recentMatchRuns(db: Db, limit: number, startedBy?: Date): Promise<MatchRunSummary[]> {
  return db
    .select({
      id: matchRuns.id,
      trigger: matchRuns.trigger,
      startedAt: matchRuns.startedAt,
      considered: matchRuns.considered,
      matched: matchRuns.matched,
      unmatched: matchRuns.unmatched,
      conflicts: matchRuns.conflicts,
      moved: matchRuns.moved,
      durationMs: matchRuns.durationMs,
    })
    .from(matchRuns)
    .where(and(isNotNull(matchRuns.finishedAt), startedBy ? lte(matchRuns.startedAt, startedBy) : undefined))
    .orderBy(desc(matchRuns.startedAt))
    .limit(limit);
}
