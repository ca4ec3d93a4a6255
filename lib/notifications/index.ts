import 'server-only';
// lib/notifications: the outbox, its dispatcher and transports. Other modules import from here only.
export { enqueue, enqueueToRole, type Recipient, type EnqueueOptions } from './enqueue';
export { notificationKinds, isNotificationKind, type NotificationKind, type KindData } from '@/emails/registry';
