import 'server-only';
import { today, weekPeriod, type ChunkResult, type JobDef } from '@/lib/scheduler';
import { getSettings } from '@/lib/settings';
import { requestMatching } from '@/lib/orders';
import { horizonEnd, placeVisits, plansToGenerate } from './plans';

const PLANS_PER_CHUNK = 500;

/**
 * Daily, period = the day: every active or paused plan gets its visits placed up to the horizon, a chunk
 * of plans at a time (cursor: the last plan id), each chunk in a few set-based statements. Plans are locked
 * with SKIP LOCKED, and each visit is keyed by (plan, date), so a run racing another or a client's change
 * never duplicates a visit.
 */
export const plansJob: JobDef = {
  name: 'plans',
  periodKind: 'day',
  defaultPeriod: today,
  validPeriod: (p) => weekPeriod.test(p),
  chunk: async (tx, ctx): Promise<ChunkResult> => {
    const limit = ctx.chunkSize ?? PLANS_PER_CHUNK;
    const settings = await getSettings(tx);
    const after = typeof ctx.cursor.after === 'string' ? ctx.cursor.after : null;
    const batch = await plansToGenerate(tx, horizonEnd(settings, ctx.now), after, limit);
    // The batch is locked (SKIP LOCKED: a plan a client or manager is changing right now is left to the
    // next run, a day before its visits enter matching's horizon) and placed set-based.
    const placed = await placeVisits(tx, batch, ctx.now);
    const created = [...placed.values()].flatMap((list) => list.map((v) => v.id));
    const visits = created.length;
    if (created.length) requestMatching(created);
    return {
      done: batch.length < limit,
      cursor: { after: batch.at(-1)?.id ?? after },
      counts: batch.length ? { plans: batch.length, visits } : {},
    };
  },
};
