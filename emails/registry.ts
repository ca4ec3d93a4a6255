import type { z } from 'zod';
import type { KindDefinition } from './define';
import { adjustmentRecorded } from './kinds/adjustment-recorded';
import { chargeFailed } from './kinds/charge-failed';
import { creditNoteIssued } from './kinds/credit-note-issued';
import { invite } from './kinds/invite';
import { planConfirmed } from './kinds/plan-confirmed';
import { planChanged } from './kinds/plan-changed';
import { planEnded } from './kinds/plan-ended';
import { invoiceIssued } from './kinds/invoice-issued';
import { invoiceOverdue } from './kinds/invoice-overdue';
import { managerMessage } from './kinds/manager-message';
import { moneyApprovalRequested } from './kinds/money-approval-requested';
import { orderCancelled } from './kinds/order-cancelled';
import { orderFailed } from './kinds/order-failed';
import { orderFailedManager } from './kinds/order-failed-manager';
import { lowRating } from './kinds/low-rating';
import { orderReceived } from './kinds/order-received';
import { orderRescheduled } from './kinds/order-rescheduled';
import { orderUnmatched } from './kinds/order-unmatched';
import { passwordReset } from './kinds/password-reset';
import { paymentReceived } from './kinds/payment-received';
import { paymentRefunded } from './kinds/payment-refunded';
import { payslipIssued } from './kinds/payslip-issued';
import { suppliesLow } from './kinds/supplies-low';
import { taskAssigned } from './kinds/task-assigned';
import { tipReceived } from './kinds/tip-received';
import { tipRefunded } from './kinds/tip-refunded';
import { taskChanged } from './kinds/task-changed';
import { tomorrowTasks } from './kinds/tomorrow-tasks';
import { verifyEmail } from './kinds/verify-email';
import { welcome } from './kinds/welcome';
import { workFinished } from './kinds/work-finished';
import { workStarted } from './kinds/work-started';
import { workerMatched } from './kinds/worker-matched';

/** Every notification kind. The key is what the outbox stores; adding a kind = a file in kinds/ + a line here. */
export const kinds = {
  // clients
  welcome,
  order_received: orderReceived,
  worker_matched: workerMatched,
  work_started: workStarted,
  work_finished: workFinished,
  order_cancelled: orderCancelled,
  order_failed: orderFailed,
  order_rescheduled: orderRescheduled,
  invoice_issued: invoiceIssued,
  invoice_overdue: invoiceOverdue,
  payment_received: paymentReceived,
  payment_refunded: paymentRefunded,
  tip_refunded: tipRefunded,
  charge_failed: chargeFailed,
  credit_note_issued: creditNoteIssued,
  plan_confirmed: planConfirmed,
  plan_ended: planEnded,
  plan_changed: planChanged,
  manager_message: managerMessage,
  // workers (invite also goes to managers and admins)
  invite,
  task_assigned: taskAssigned,
  task_changed: taskChanged,
  tomorrow_tasks: tomorrowTasks,
  adjustment_recorded: adjustmentRecorded,
  payslip_issued: payslipIssued,
  tip_received: tipReceived,
  // managers and admins
  order_unmatched: orderUnmatched,
  order_failed_manager: orderFailedManager,
  low_rating: lowRating,
  supplies_low: suppliesLow,
  // admins
  money_approval_requested: moneyApprovalRequested,
  // anyone with an account
  password_reset: passwordReset,
  verify_email: verifyEmail,
};

export type NotificationKind = keyof typeof kinds;
/** The data a kind takes (before zod defaults). */
export type KindData<K extends NotificationKind> = z.input<(typeof kinds)[K]['schema']>;

export const notificationKinds = Object.keys(kinds) as NotificationKind[];

export function isNotificationKind(value: string): value is NotificationKind {
  return Object.hasOwn(kinds, value);
}

export function kindDefinition(kind: NotificationKind): KindDefinition {
  return kinds[kind] as unknown as KindDefinition;
}
