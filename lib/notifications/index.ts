import 'server-only';
// lib/notifications: the outbox, its dispatcher and transports. Other modules import from here only.
export {
  enqueue,
  enqueueMany,
  enqueueToRole,
  enqueueSelected,
  type Recipient,
  type EnqueueOptions,
  type EnqueueItem,
  type EmailContent,
} from './enqueue';
export { dispatchNotifications, backoffSeconds, type DispatchOptions, type DispatchSummary } from './dispatch';
export { dispatchSoon } from './dispatch-soon';
// createRenderPool is imported from './render-pool' by scripts only (it starts tsx threads; see render-pool-types.ts).
export { type RenderPool } from './render-pool-types';
export {
  smtpTransport,
  resendTransport,
  mailboxTransport,
  mailboxEnabled,
  transportFromEnv,
  type Transport,
  type OutgoingEmail,
  type ResendTransportOptions,
  type SendResult,
} from './transports';
export { notificationKinds, isNotificationKind, type NotificationKind, type KindData } from '@/emails/registry';
export {
  listOutbox,
  getOutboxItem,
  resendDeadLetter,
  outboxViews,
  type OutboxView,
  type OutboxItem,
  type OutboxCount,
  type OutboxDetail,
} from './outbox';
export { listMailbox, getMailboxEmail, type MailboxEntry, type MailboxEmail } from './mailbox';
export { inviteMailer } from './invite-mailer';
export {
  listEmailPreferences,
  setEmailPreferences,
  optionalKindsFor,
  emailPreferencesInput,
  type EmailPreferencesInput,
} from './preferences';
