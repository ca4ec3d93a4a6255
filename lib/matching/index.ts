import 'server-only';
// lib/matching: eligibility, cost, optimal batch assignment, auto-dispatch. Other modules import from here only.
export * from './shared';
export { dispatch, type DispatchSummary, type DispatchOptions } from './dispatch';
export { matchSoon } from './match-soon';
export {
  rankWorkersForOrder,
  assignManually,
  listExplanations,
  getDispatchBoard,
  type CandidateDto,
  type OrderMatchDto,
  type ExplanationDto,
  type DispatchBoardDto,
  type ManualAssignInput,
} from './manage';
export { findFreeSlots, type FreeSlot } from './slots';
export { recentMatchRuns } from './runs';
export { explanationFacts, explanationSentence, type Fact, type Translate } from './explain';
export type { CostTerms } from './cost';
export type { IneligibleReason } from './eligibility';
export {
  blockWorkerForClient,
  unblockWorkerForClient,
  listBlocksForClient,
  CLIENT_BLOCKED_WORKER,
  type BlockedWorkerDto,
  type BlockResult,
} from './blocks';
