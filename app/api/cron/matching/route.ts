import { dispatch } from '@/lib/matching';
import { sweepRoute } from '@/lib/scheduler';

// The matching sweep (vercel.json: every 5 minutes). Not run through lib/scheduler's cronRoute: that runner
// does each (job, period) once and commits a chunk in one transaction, while a sweep runs again every few
// minutes and commits each assignment on its own (a lost race must not undo the others). Overlapping
// sweeps are kept apart by dispatch's own lease: the second one answers `skipped: true`.
// A sweep over a large backlog of open orders takes seconds (the 1 000 × 1 000 bench); give it the same limit
// as the other crons rather than the platform default.
export const maxDuration = 60;
export const GET = sweepRoute('matching', (db) => dispatch(db, { trigger: 'cron' }));
