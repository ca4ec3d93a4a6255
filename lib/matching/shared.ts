// lib/matching's client-safe face: schemas, types and pure rules that the browser may load too. The server face
// (index.ts) re-exports it.
export * from './schemas';

/** One finished matching sweep, as the dispatch and schedule boards show it. */
export type MatchRunSummary = {
  id: string;
  trigger: string;
  startedAt: Date;
  considered: number;
  matched: number;
  unmatched: number;
  conflicts: number;
  /** Jobs the day's re-plan gave to another worker. */
  moved: number;
  durationMs: number | null;
};
