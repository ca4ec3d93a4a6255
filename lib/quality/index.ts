import 'server-only';
// lib/quality: review queue, outcomes, contact log, quality forms, analytics, worker performance, dashboard.
export * from './shared';
export * from './schemas';
export {
  reviewQueue,
  getOrderForManager,
  type QueueFilter,
  type QueueItem,
  type QueueCount,
  type ManagerOrderDto,
  type TimelineItem,
} from './review';
export { confirmOrder, confirmOrders, failOrder, createRedoOrder, proposeRedoSlots } from './outcomes';
export { logContact, listContacts, listContactsForClient, type ContactDto, type ClientContactDto } from './contacts';
export {
  listQualityForms,
  getQualityForm,
  saveQualityForm,
  setQualityFormArchived,
  formsForOrder,
  fillQualityForm,
  responsesForOrder,
  type QualityFormDto,
  type QualityResponseDto,
} from './forms';
export {
  analysisCube,
  analysisOrders,
  performanceRaw,
  periodBounds,
  type AnalysisFilter,
  type DrillOrder,
  type PerformanceWithName,
} from './analytics-queries';
export * from './analytics';
export { checkAnswers, scoreAnswers, answerPoints } from './scoring';
export { filterOptions, type FilterOption } from './options';
export { analysisView, type AnalysisView } from './analysis-view';
export { dashboard, type Dashboard } from './dashboard';
export { orderStatsOnOrderChange, rebuildOrderStats } from './order-stats';
