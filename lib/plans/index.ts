import 'server-only';
// lib/plans: recurring plans whose visits are ordinary orders (lib/orders writes them).
export * from './shared';
export {
  createPlan,
  endPlan,
  pausePlan,
  resumePlan,
  changePlan,
  setHolidayRule,
  getPlan,
  listClientPlans,
  listPlansForStaff,
  type StaffPlanRow,
  generateVisits,
  type PlanDto,
  type PlanVisitDto,
  type PlanListItem,
} from './plans';
export { setRegularWorker } from './regular';
export { plansJob } from './job';
export { plansOnOrderChange } from './on-order-change';
