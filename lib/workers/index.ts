import 'server-only';
// lib/workers: worker profiles, skills, zones, weekly schedules, time off, the worker portal. Others import from here only.
export * from './shared';
export {
  getAvailability,
  timeOffBetween,
  skillsAndZonesOf,
  getSchedule,
  setWeeklySchedule,
  addTimeOff,
  removeTimeOff,
  listTimeOff,
  assertWorkerAccess,
  type ScheduleDto,
  type TimeOffDto,
} from './schedule';
export {
  freeIntervals,
  covers,
  mergeIntervals,
  subtractIntervals,
  slotMinutes,
  type Interval,
  type WeeklySlot,
  type DaysOff,
} from './availability';
export {
  listMyTasks,
  getMyTask,
  startTask,
  startTasks,
  finishTask,
  finishTasks,
  declineTask,
  earningsThisMonth,
  type TaskDto,
  type ReleasedTaskDto,
  type MyTasks,
  taskTabs,
  type TaskTab,
  type StartResult,
  type TaskConfirmation,
} from './tasks';
export { checkStartWindow, missingChecklistItems, declineReasonCodes, type DeclineReasonCode } from './task-rules';
export {
  getIcalLinkCreatedAt,
  regenerateIcalToken,
  calendarFeed,
  calendarForToken,
  renderCalendar,
  FEED_DAYS_AHEAD,
  FEED_DAYS_BACK,
} from './ical';
export {
  listWorkers,
  listWorkersPage,
  getWorker,
  listSkillCodes,
  listWorkerTasks,
  updateWorkerProfile,
  workerPayoutAccount,
  activeWorkersBySkill,
  workerReadiness,
  type WorkerReadiness,
  setWorkerActive,
  setAccountDisabled,
  releaseFutureOrders,
  type WorkerListItem,
  type WorkerFilter,
  type WorkerTaskRow,
} from './pool';
export { workersOnOrderChange } from './on-order-change';
