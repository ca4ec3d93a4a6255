import 'server-only';
import { and, eq, gt, inArray, lt, ne, type SQL } from 'drizzle-orm';
import type { Db } from '@/db';
import { orders, type OrderStatus } from '@/db/schema';
import type { Grade } from '@/db/schema/workers';
import { assertStaff, type Actor } from '@/lib/actor';
import { personName } from '@/lib/auth';
import { DomainError, invalidTransition, notFound, validationFailed, type ErrorKey } from '@/lib/errors';
import {
  assignManually,
  explanationFacts,
  rankWorkersForOrder,
  type Fact,
  type IneligibleReason,
} from '@/lib/matching';
import { rescheduleOrder } from '@/lib/orders';
import { getSettings } from '@/lib/settings';
import { toDateString, toWallTime } from '@/lib/time';
import { boardMoveInput, boardOptionsInput, type BoardMoveInput } from './shared';

/** The job a worker already holds at the wanted time: what the board tells the manager instead of "conflict". */
export type Clash = { workerName: string; number: string; start: Date; end: Date };

/** A move refused because the worker is busy then ("Olga is already booked 10:00–12:00 (BR-…)"). */
export class BoardClash extends DomainError {
  constructor(readonly clash: Clash) {
    super('conflict', 'board.errors.busy');
  }
}

async function findClash(db: Db, workerId: string, orderId: string, start: Date, end: Date): Promise<Clash | null> {
  const [row] = await db
    .select({
      // The row is the worker's own job (worker_id = workerId below), so the name is never null.
      workerName: personName(orders.workerId) as SQL<string>,
      number: orders.number,
      start: orders.scheduledStart,
      end: orders.scheduledEnd,
    })
    .from(orders)
    .where(
      and(
        eq(orders.workerId, workerId),
        inArray(orders.status, ['assigned', 'in_progress']),
        ne(orders.id, orderId),
        lt(orders.scheduledStart, end),
        gt(orders.scheduledEnd, start),
      ),
    )
    .limit(1);
  return row ?? null;
}

const OVERLAP_REFUSALS = new Set(['matching.errors.notOverridable', 'matching.errors.doubleBooked']);

/**
 * One drop (or menu choice) on the schedule board: the order goes to this worker, and to a new start when
 * given. It runs the same use cases as every other path: matching's manual assignment (eligibility, an
 * override only with a written reason, the worker lock and the database's exclusion constraint) and, for a
 * new time, orders' reschedule (booking rules, the client's email), both in one transaction, so a refused
 * assignment leaves the order where it was. Refused outright: an order already started (or closed), and a
 * move into the past.
 */
export async function moveOnBoard(
  db: Db,
  actor: Actor,
  raw: BoardMoveInput,
  now = new Date(),
): Promise<{ status: OrderStatus; moved: boolean }> {
  assertStaff(actor);
  const input = boardMoveInput.parse(raw);
  const [o] = await db
    .select({ status: orders.status, start: orders.scheduledStart, end: orders.scheduledEnd })
    .from(orders)
    .where(eq(orders.id, input.orderId));
  if (!o) throw notFound('errors.orderNotFound');
  if (o.status === 'in_progress') throw invalidTransition('board.errors.started');
  if (o.status !== 'pending' && o.status !== 'assigned') throw invalidTransition('board.errors.closed');
  const wanted = input.start ? new Date(input.start) : null;
  const moved = wanted !== null && wanted.getTime() !== o.start.getTime();
  const start = moved ? wanted : o.start;
  const end = new Date(start.getTime() + (o.end.getTime() - o.start.getTime()));
  // A job whose time has passed can't be given out, nor can anything be moved to a time already gone.
  if (moved ? start.getTime() <= now.getTime() : end.getTime() <= now.getTime())
    throw invalidTransition('board.errors.past');
  const assign = { orderId: input.orderId, workerId: input.workerId, overrideReason: input.overrideReason };
  try {
    if (!moved) return { ...(await assignManually(db, actor, assign, now)), moved: false };
    const { timeZone } = await getSettings(db);
    const wall = toWallTime(start, timeZone);
    const time = `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
    return await db.transaction(async (tx) => {
      try {
        await rescheduleOrder(
          tx,
          actor,
          { orderId: input.orderId, date: toDateString(start, timeZone), time },
          { now, match: false },
        );
      } catch (error) {
        // The booking rules speak of the form's date and time fields; the board has none, so the rule itself is the message.
        if (error instanceof DomainError && error.code === 'validation_failed') {
          // The booking rules raise message keys (FieldErrorKeys); the error keeps them as plain field strings.
          const rule = (error.fields.time ?? error.fields.date) as ErrorKey | undefined;
          if (rule) throw validationFailed({}, rule);
        }
        throw error;
      }
      return { ...(await assignManually(tx, actor, assign, now)), moved: true };
    });
  } catch (error) {
    if (error instanceof DomainError && OVERLAP_REFUSALS.has(error.message)) {
      const clash = await findClash(db, input.workerId, input.orderId, start, end);
      if (clash) throw new BoardClash(clash);
    }
    throw error;
  }
}

export type BoardOptionDto = {
  workerId: string;
  name: string;
  grade: Grade;
  eligible: boolean;
  overridable: boolean;
  reasons: IneligibleReason[];
  facts: Fact[];
  cost: number;
  current: boolean;
};

/**
 * The block's menu: every active worker for the order (at `start`, for a move), eligible ones first by
 * matching cost with the facts behind it, then the ones a manager may override, then the ones nobody may
 * take, each with why not. Matching's own ranking, trimmed to what the menu shows.
 */
export async function boardOptions(
  db: Db,
  actor: Actor,
  raw: { orderId: string; start?: string },
  now = new Date(),
): Promise<{ status: OrderStatus; workerId: string | null; options: BoardOptionDto[] }> {
  const input = boardOptionsInput.parse(raw);
  const { order, candidates } = await rankWorkersForOrder(db, actor, input.orderId, now, {
    start: input.start ? new Date(input.start) : undefined,
  });
  return {
    status: order.status,
    workerId: order.workerId,
    options: candidates.map((c) => ({
      workerId: c.workerId,
      name: c.name,
      grade: c.grade,
      eligible: c.eligible,
      overridable: c.overridable,
      reasons: c.reasons,
      facts: explanationFacts(c.terms),
      cost: Math.round(c.terms.total * 10) / 10,
      current: c.current,
    })),
  };
}
