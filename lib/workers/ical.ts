import 'server-only';
import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { orders, services, workerProfiles } from '@/db/schema';
import type { Actor } from '@/lib/actor';
import { notFound } from '@/lib/errors';
import { account, hashToken, newLinkToken } from '@/lib/auth';
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

/** Pure: the iCalendar text for a list of tasks. */
export function renderCalendar(name: string, events: CalendarEvent[], now = new Date()): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Brigada//Worker schedule//RU',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(name)}`,
  ];
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
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

/**
 * The feed behind /api/workers/calendar/<token>: the worker's tasks from 30 days ago on, in their language.
 * Null for an unknown token or an inactive/disabled worker. The token is the only credential (calendar
 * apps cannot sign in), so it is long, random and regenerable.
 */
export async function calendarForToken(db: Db, token: string, now = new Date()): Promise<string | null> {
  if (token.length < 20) return null;
  const [profile] = await db
    .select({ userId: workerProfiles.userId, active: workerProfiles.active })
    .from(workerProfiles)
    .where(eq(workerProfiles.icalTokenHash, hashToken(token)));
  const worker = profile?.active ? await account(db, profile.userId) : null;
  if (!worker || worker.disabled) return null;
  const rows = await db
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
        gte(orders.scheduledStart, new Date(now.getTime() - 30 * 86_400_000)),
      ),
    )
    .orderBy(asc(orders.scheduledStart))
    .limit(500);
  const title = worker.locale === 'en' ? `Brigada — ${worker.name}` : `Бригада — ${worker.name}`;
  return renderCalendar(
    title,
    rows.map((r) => ({
      id: r.id,
      number: r.number,
      start: r.start,
      end: r.end,
      summary: worker.locale === 'en' ? r.en : r.ru,
      location: r.address,
      description: r.accessNotes,
      cancelled: r.status === 'cancelled',
    })),
    now,
  );
}
