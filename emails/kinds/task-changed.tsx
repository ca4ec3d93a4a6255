import { z } from 'zod';
import { defineKind, fmt, isoInstant, orderRef, sampleOrder } from '../define';
import { Action, EmailLayout, OrderFacts, P } from '../components/layout';
import { reasonWords } from '@/lib/i18n/shared';
import { when } from '../format';

/** What happened to a task the worker had: taken away (reassigned/unassigned), cancelled, declined by them, or moved. */
export const taskChange = z.enum(['cancelled', 'reassigned', 'unassigned', 'declined', 'rescheduled']);

export const taskChanged = defineKind({
  essential: true,
  audience: 'worker',
  schema: z.object({
    order: orderRef,
    change: taskChange,
    reason: z.string().nullable(),
    previousStartsAt: isoInstant.nullable(),
  }),
  strings: {
    ru: {
      subject: 'Задание {number} снято с вас',
      subjectCancelled: 'Задание {number} отменено',
      heading: 'Изменение в ваших заданиях',
      cancelled: 'Заказ отменён — приезжать не нужно.',
      reassigned: 'Задание передано другому исполнителю — приезжать не нужно.',
      unassigned: 'Задание снято с вас — приезжать не нужно.',
      declined: 'Вы отказались от задания. Мы ищем замену.',
      rescheduled:
        'Клиент перенёс заказ (было: {from}). Задание снято с вас; на новое время исполнитель будет подобран заново.',
      reason: 'Причина: {reason}',
      reasonWorkerDeactivated: 'ваш профиль исполнителя отключён',
      action: 'Мои задания',
    },
    en: {
      subject: 'Task {number} was taken off your schedule',
      subjectCancelled: 'Task {number} is cancelled',
      heading: 'A change in your tasks',
      cancelled: 'The order was cancelled — you do not need to come.',
      reassigned: 'The task was given to another cleaner — you do not need to come.',
      unassigned: 'The task was taken off your schedule — you do not need to come.',
      declined: 'You declined the task. We are finding a replacement.',
      rescheduled:
        'The client moved the order (it was {from}). It is off your schedule; a cleaner will be matched again for the new time.',
      reason: 'Reason: {reason}',
      reasonWorkerDeactivated: 'your cleaner profile was deactivated',
      action: 'My tasks',
    },
  },
  subject: (d, t) => fmt(d.change === 'cancelled' ? t.subjectCancelled : t.subject, { number: d.order.number }),
  Email: ({ data, t, ctx }) => {
    const body =
      data.change === 'rescheduled'
        ? fmt(t.rescheduled, { from: data.previousStartsAt ? when(data.previousStartsAt, ctx) : '—' })
        : t[data.change];
    // System reason codes are said in words. A client's block is not told to the worker: the company has that
    // conversation itself, and "the task was taken off your schedule" is all the worker needs to act on.
    const reason =
      data.reason === 'client_blocked_worker'
        ? null
        : data.reason === 'worker_deactivated'
          ? t.reasonWorkerDeactivated
          : reasonWords(data.reason, ctx.locale);
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <P>{body}</P>
        <OrderFacts order={data.order} ctx={ctx} />
        {reason && <P>{fmt(t.reason, { reason })}</P>}
        <Action ctx={ctx} path="/worker" label={t.action} />
      </EmailLayout>
    );
  },
  sample: { order: sampleOrder, change: 'reassigned', reason: null, previousStartsAt: null },
});
