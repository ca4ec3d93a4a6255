import 'server-only';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { workerProfiles, type OrderRow } from '@/db/schema';
import type { OrderChange, OrderChangeHandler, OrderPay, PayPricer } from '@/lib/orders';
import { recordAdjustmentTx } from './adjustments';
import {
  findEntryByKey,
  postEntries,
  postEntry,
  reverseEntryUnchecked,
  type EntryLine,
  type PostEntryInput,
} from './ledger';
import { creditInvoicedCharge } from './invoices/credit-notes';
import { computePay, type PayRate } from './pay';
import { failPenalty, failRule, lateDeclinePenalty, latenessPenalty, type Penalty } from './penalties';
import { loadPenaltyBands, payRateAt } from './rates';

// The money side of the order state machine: runs inside the transition's transaction, so the fact and
// its ledger entry commit (or roll back) together. Every entry has a key per fact, so handling the same
// transition twice posts nothing new.

export const orderEntryKey = {
  completed: (orderId: string) => `order:${orderId}:completed`,
  cancellationFee: (orderId: string) => `order:${orderId}:cancellation_fee`,
  failureCharge: (orderId: string) => `order:${orderId}:failure_charge`,
  failureFine: (orderId: string) => `order:${orderId}:failure_fine`,
  lateness: (orderId: string) => `order:${orderId}:lateness`,
  // A worker declines an order once ("not declined this order before"); the event id keeps keys apart
  // when several workers decline the same order in turn.
  lateDecline: (orderId: string, eventId: number) => `order:${orderId}:late_decline:${eventId}`,
};

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

async function workerGrade(tx: Db, workerId: string) {
  const [row] = await tx
    .select({ grade: workerProfiles.grade })
    .from(workerProfiles)
    .where(eq(workerProfiles.userId, workerId));
  return row?.grade ?? 'standard';
}

/** The worker's pay for the order with the rate in force at `at` (pure pricing over the order's final lines). */
export async function payForOrder(tx: Db, order: OrderRow, workerId: string, at: Date) {
  const rate = await payRateAt(tx, order.serviceId, await workerGrade(tx, workerId), at);
  return computePay(order.priceLines ?? order.estimateLines, rate);
}

/** The order's pay as stored at matching; computed now when it never was (an order matched before finance existed). */
async function orderPay(tx: Db, order: OrderRow, at: Date): Promise<number> {
  if (order.payTotal !== null) return order.payTotal;
  if (!order.workerId) return 0;
  return (await payForOrder(tx, order, order.workerId, at)).total;
}

async function postFine(tx: Db, change: OrderChange, workerId: string, key: string, penalty: Penalty, reason: string) {
  await recordAdjustmentTx(tx, {
    kind: 'fine',
    subjectId: workerId,
    amount: penalty.amount,
    key,
    orderId: change.after.id,
    ruleCode: penalty.rule,
    ruleValue: Math.round(penalty.value * 10) / 10,
    reason,
    at: change.at,
    memo: change.after.number,
  });
}

/**
 * The worker's pay for each order being matched, priced at the rate in force for its service and the
 * worker's grade at the transition's time; lib/orders writes it with the match (installed by the
 * composition root). Set-wise, since a dispatch commits many matches at once: one read of the grades, one
 * per distinct (service, grade, time).
 */
export const payForMatches: PayPricer = async (tx, requests) => {
  const workerIds = [...new Set(requests.map((r) => r.workerId))];
  const grades = new Map(
    (
      await tx
        .select({ id: workerProfiles.userId, grade: workerProfiles.grade })
        .from(workerProfiles)
        .where(inArray(workerProfiles.userId, workerIds))
    ).map((w) => [w.id, w.grade]),
  );
  const rates = new Map<string, PayRate>();
  const pays = new Map<string, OrderPay>();
  for (const request of requests) {
    const grade = grades.get(request.workerId) ?? 'standard';
    const key = `${request.serviceId}|${grade}|${request.at.getTime()}`;
    let rate = rates.get(key);
    if (!rate) rates.set(key, (rate = await payRateAt(tx, request.serviceId, grade, request.at)));
    pays.set(request.orderId, computePay(request.lines, rate));
  }
  return pays;
};

async function onDeclined(tx: Db, change: OrderChange, bands: Bands) {
  const { before, data } = change;
  const workerId = before.workerId;
  if (workerId) {
    const hours =
      typeof data.hoursBeforeStart === 'number'
        ? data.hoursBeforeStart
        : (before.scheduledStart.getTime() - change.at.getTime()) / HOUR_MS;
    const penalty = lateDeclinePenalty(await bands(), hours, await orderPay(tx, before, change.at));
    if (penalty)
      await postFine(
        tx,
        change,
        workerId,
        orderEntryKey.lateDecline(before.id, change.eventId),
        penalty,
        `late_decline: ${hours.toFixed(1)} h before start`,
      );
  }
}

async function onStarted(tx: Db, change: OrderChange, bands: Bands) {
  const { after, data } = change;
  if (data.late === false || !after.workerId) return;
  const startedAt = after.startedAt ?? change.at;
  const minutes =
    typeof data.lateMinutes === 'number'
      ? data.lateMinutes
      : (startedAt.getTime() - after.scheduledStart.getTime()) / MINUTE_MS;
  const penalty = latenessPenalty(await bands(), minutes, await orderPay(tx, after, change.at));
  if (penalty)
    await postFine(
      tx,
      change,
      after.workerId,
      orderEntryKey.lateness(after.id),
      penalty,
      `lateness: ${Math.round(minutes * 10) / 10} min`,
    );
}

/**
 * Each finished order's completion entry (the client owes the price, the worker earns the pay), posted
 * set-wise: a day's finishes committed together are one batch of entries.
 */
async function onFinished(tx: Db, changes: readonly OrderChange[]) {
  const entries: PostEntryInput[] = [];
  for (const change of changes) {
    const { after } = change;
    const price = after.priceTotal ?? after.estimateTotal;
    const pay = after.workerId ? await orderPay(tx, after, change.at) : 0;
    const lines: EntryLine[] = [
      { account: { type: 'receivable', clientId: after.clientId }, amount: price },
      { account: { type: 'revenue' }, amount: -price },
    ];
    if (after.workerId && pay > 0) {
      lines.push(
        { account: { type: 'payroll_expense' }, amount: pay },
        { account: { type: 'payable', workerId: after.workerId }, amount: -pay },
      );
    }
    if (lines.filter((l) => l.amount !== 0).length < 2) continue;
    entries.push({
      key: orderEntryKey.completed(after.id),
      kind: 'order_completed',
      memo: after.number,
      orderId: after.id,
      at: after.finishedAt ?? change.at,
      lines,
    });
  }
  await postEntries(tx, entries);
}

async function onCancelled(tx: Db, change: OrderChange) {
  const { after, data } = change;
  const fee =
    after.cancellationFee > 0
      ? after.cancellationFee
      : typeof data.cancellationFee === 'number'
        ? data.cancellationFee
        : 0;
  if (fee <= 0) return;
  await postEntry(tx, {
    key: orderEntryKey.cancellationFee(after.id),
    kind: 'cancellation_fee',
    memo: after.number,
    orderId: after.id,
    at: change.at,
    lines: [
      { account: { type: 'receivable', clientId: after.clientId }, amount: fee },
      { account: { type: 'revenue' }, amount: -fee },
    ],
  });
}

/** `penalty` in the event data: a number of minor units (the manager's amount), false/0 for none, else the rule for the reason code. */
function manualPenalty(value: unknown): number | 'rule' | null {
  if (value === false || value === 0) return null;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  if (typeof value === 'object' && value !== null && typeof (value as { amount?: unknown }).amount === 'number') {
    const amount = (value as { amount: number }).amount;
    return Number.isSafeInteger(amount) && amount > 0 ? amount : null;
  }
  return 'rule';
}

async function onFailed(tx: Db, change: OrderChange, bands: Bands) {
  const { before, after, data } = change;
  if (change.name === 'review_fail') {
    // The completion is undone (the client no longer owes the price, the worker no longer earns the
    // pay); what the client is charged instead, and any fine, follow from the manager's decision below.
    const completed = await findEntryByKey(tx, orderEntryKey.completed(after.id));
    if (completed)
      await reverseEntryUnchecked(tx, change.actor.id, completed.id, change.reason ?? 'review_fail', {
        kind: 'reversal',
        at: change.at,
      });
  }
  const price = before.priceTotal ?? before.estimateTotal;
  const charge =
    data.chargeClient === true
      ? price
      : typeof data.chargeClient === 'number' && Number.isSafeInteger(data.chargeClient)
        ? Math.max(0, data.chargeClient)
        : 0;
  if (charge > 0) {
    await postEntry(tx, {
      key: orderEntryKey.failureCharge(after.id),
      kind: 'failure_charge',
      memo: after.number,
      orderId: after.id,
      at: change.at,
      actorId: change.actor.id,
      reason: change.reason ?? undefined,
      lines: [
        { account: { type: 'receivable', clientId: after.clientId }, amount: charge },
        { account: { type: 'revenue' }, amount: -charge },
      ],
    });
  }
  if (change.name === 'review_fail') {
    // Already invoiced? Its invoice asks for the price: a credit note takes back what is no longer owed.
    const reasonCode = typeof data.reasonCode === 'string' ? data.reasonCode : (change.reason ?? 'review_fail');
    await creditInvoicedCharge(tx, {
      orderId: after.id,
      amount: price - Math.min(charge, price),
      reason: reasonCode,
      at: change.at,
      actorId: change.actor.id,
    });
  }
  const workerId = before.workerId;
  if (!workerId) return;
  const reasonCode = typeof data.reasonCode === 'string' ? data.reasonCode : (change.reason ?? 'unknown');
  const decided = manualPenalty(data.penalty);
  if (decided === null) return;
  const penalty: Penalty | null =
    decided === 'rule'
      ? failPenalty(await bands(), reasonCode, await orderPay(tx, before, change.at))
      : {
          rule: failRule(reasonCode),
          amount: decided,
          value: 0,
          band: { rule: 'manual', fromValue: 0, toValue: null, rateBp: 0, fixedAmount: decided, active: true },
        };
  if (!penalty) return;
  await recordAdjustmentTx(tx, {
    kind: 'fine',
    subjectId: workerId,
    amount: penalty.amount,
    key: orderEntryKey.failureFine(after.id),
    orderId: after.id,
    ruleCode: decided === 'rule' ? penalty.rule : undefined,
    reason: change.reason ?? `fail: ${reasonCode}`,
    actorId: change.actor.id,
    at: change.at,
    memo: after.number,
  });
}

/** The penalty bands, read at most once per batch of changes. */
type Bands = () => ReturnType<typeof loadPenaltyBands>;

export const financeOnOrderChange: OrderChangeHandler = async (tx, changes) => {
  await onFinished(
    tx,
    changes.filter((c) => c.name === 'finish'),
  );
  let loaded: ReturnType<typeof loadPenaltyBands> | undefined;
  const bands: Bands = () => (loaded ??= loadPenaltyBands(tx));
  for (const change of changes) if (change.name !== 'finish') await onOtherChange(tx, change, bands);
};

async function onOtherChange(tx: Db, change: OrderChange, bands: Bands) {
  switch (change.name) {
    case 'decline':
      return onDeclined(tx, change, bands);
    case 'start':
      return onStarted(tx, change, bands);
    case 'cancel':
      return onCancelled(tx, change);
    case 'fail':
    case 'review_fail':
      return onFailed(tx, change, bands);
  }
}
