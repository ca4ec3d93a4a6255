import 'server-only';
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Db } from '@/db';
import { orders, services, workerProfiles } from '@/db/schema';
import type { Actor } from '@/lib/actor';
import { notFound } from '@/lib/errors';
import { account, hashToken, newLinkToken } from '@/lib/auth';
import { afterCursor } from '@/lib/paging';
import { assertWorkerAccess } from './schedule';

/**
 * When the worker's feed link was made, or null before they first make one. The link itself cannot be read
 * back: only its hash is stored.
 */
export async function getIcalLinkCreatedAt(db: Db, actor: Actor, workerId: string): Promise<Date | null> {
  assertWorkerAccess(actor, workerId);
  const [row] = await db
    .select({ at: workerProfiles.icalTokenCreatedAt, hash: workerProfiles.icalTokenHash })
    .from(workerProfiles)
    .where(eq(workerProfiles.userId, workerId));
  if (!row) throw notFound('errors.notFound');
  return row.hash ? (row.at ?? new Date(0)) : null;
}

/** A new secret for the feed URL, returned this once (only its hash is kept); the old URL stops working at once. */
export async function regenerateIcalToken(db: Db, actor: Actor, workerId: string, now = new Date()): Promise<string> {
  assertWorkerAccess(actor, workerId);
  const token = newLinkToken(24);
  const updated = await db
    .update(workerProfiles)
    .set({ icalTokenHash: hashToken(token), icalTokenCreatedAt: now, updatedAt: now })
    .where(eq(workerProfiles.userId, workerId))
    .returning({ id: workerProfiles.userId });
  if (updated.length === 0) throw notFound('errors.notFound');
  return token;
}

/** RFC 5545 TEXT: backslash, semicolon and comma escaped; any line break (CRLF, LF or a bare CR) becomes \\n. */
export function escapeText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** RFC 5545 folds lines longer than 75 octets; continuation lines start with a space. */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (size + n > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function stamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export type CalendarEvent = {
  id: string;
  number: string;
  start: Date;
  end: Date;
  summary: string;
  location: string;
  description: string;
  cancelled: boolean;
};

/** The feed covers tasks from this many days back to this many days ahead: a window, never a row cap. */
export const FEED_DAYS_BACK = 30;
export const FEED_DAYS_AHEAD = 365;
/** Tasks read per keyset step while the feed streams. */
const FEED_BATCH = 500;

/** Pure: the calendar's opening lines, named `name`. */
function calendarHead(name: string): string {
  return (
    [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Brigada//Worker schedule//RU',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      `X-WR-CALNAME:${escapeText(name)}`,
    ]
      .map(fold)
      .join('\r\n') + '\r\n'
  );
}

/** Pure: the VEVENT lines of some tasks. */
function calendarEvents(events: CalendarEvent[], now: Date): string {
  const lines: string[] = [];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.id}@brigada`,
      `DTSTAMP:${stamp(now)}`,
      `DTSTART:${stamp(e.start)}`,
      `DTEND:${stamp(e.end)}`,
      `SUMMARY:${escapeText(`${e.summary} · ${e.number}`)}`,
      `LOCATION:${escapeText(e.location)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  return lines.length ? lines.map(fold).join('\r\n') + '\r\n' : '';
}

const CALENDAR_END = 'END:VCALENDAR\r\n';

/** Pure: the iCalendar text for a list of tasks. */
export function renderCalendar(name: string, events: CalendarEvent[], now = new Date()): string {
  return calendarHead(name) + calendarEvents(events, now) + CALENDAR_END;
}

/**
 * The feed behind /api/workers/calendar/<token>, as text chunks to stream: every task of the worker from
 * FEED_DAYS_BACK days ago to FEED_DAYS_AHEAD days ahead, in their language, read in keyset batches (start, id)
 * so a long history costs memory for one batch only. Null for an unknown token or an inactive/disabled worker.
 * The token is the only credential (calendar apps cannot sign in), so it is long, random and regenerable.
 */
export async function calendarFeed(
  db: Db,
  token: string,
  now = new Date(),
  batch = FEED_BATCH,
): Promise<AsyncGenerator<string> | null> {
  if (token.length < 20) return null;
  const [profile] = await db
    .select({ userId: workerProfiles.userId, active: workerProfiles.active })
    .from(workerProfiles)
    .where(eq(workerProfiles.icalTokenHash, hashToken(token)));
  const worker = profile?.active ? await account(db, profile.userId) : null;
  if (!worker || worker.disabled) return null;
  const en = worker.locale === 'en';
  const title = en ? `Brigada — ${worker.name}` : `Бригада — ${worker.name}`;
  const from = new Date(now.getTime() - FEED_DAYS_BACK * 86_400_000);
  const to = new Date(now.getTime() + FEED_DAYS_AHEAD * 86_400_000);
  const step = (after: [string, string] | null) =>
    db
      .select({
        id: orders.id,
        number: orders.number,
        status: orders.status,
        start: orders.scheduledStart,
        end: orders.scheduledEnd,
        address: orders.address,
        accessNotes: orders.accessNotes,
        ru: services.nameRu,
        en: services.nameEn,
      })
      .from(orders)
      .innerJoin(services, eq(services.id, orders.serviceId))
      .where(
        and(
          eq(orders.workerId, worker.id),
          inArray(orders.status, ['assigned', 'in_progress', 'completed', 'cancelled']),
          gte(orders.scheduledStart, from),
          lt(orders.scheduledStart, to),
          afterCursor([orders.scheduledStart, orders.id], after, ['timestamptz', 'uuid'], 'asc'),
        ),
      )
      .orderBy(asc(orders.scheduledStart), asc(orders.id))
      .limit(batch);
  async function* chunks(): AsyncGenerator<string> {
    yield calendarHead(title);
    let after: [string, string] | null = null;
    for (;;) {
      const rows = await step(after);
      yield calendarEvents(
        rows.map((r) => ({
          id: r.id,
          number: r.number,
          start: r.start,
          end: r.end,
          summary: en ? r.en : r.ru,
          location: r.address,
          description: r.accessNotes,
          cancelled: r.status === 'cancelled',
        })),
        now,
      );
      if (rows.length < batch) break;
      const last = rows[rows.length - 1];
      after = [last.start.toISOString(), last.id];
    }
    yield CALENDAR_END;
  }
  return chunks();
}

/** The whole feed as one text (what a calendar app receives), or null as for calendarFeed. */
export async function calendarForToken(
  db: Db,
  token: string,
  now = new Date(),
  batch = FEED_BATCH,
): Promise<string | null> {
  const feed = await calendarFeed(db, token, now, batch);
  if (!feed) return null;
  let text = '';
  for await (const chunk of feed) text += chunk;
  return text;
}
