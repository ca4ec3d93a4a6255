import 'server-only';
// lib/matching: eligibility, cost, optimal batch assignment, auto-dispatch. Other modules import from here only.
export { dispatch, type DispatchSummary, type DispatchOptions } from './dispatch';
export { matchSoon } from './match-soon';
