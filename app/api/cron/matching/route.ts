import { dispatch } from '@/lib/matching';
import { sweepRoute } from '@/lib/scheduler';

// The matching sweep (vercel.json: every 5 minutes). Not run through lib/scheduler's cronRoute: that runner
// does each (job, period) once and commits a chunk in one transaction, while a sweep runs again every few
// minutes and commits each assignment on its own (a lost race must not undo the others). Overlapping
// sweeps are kept apart by dispatch's own lease: the second one answers `skipped: true`.
export const GET = sweepRoute('matching', (db) => dispatch(db, { trigger: 'cron' }));
