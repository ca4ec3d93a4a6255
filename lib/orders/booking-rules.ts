// Pure booking rules that need company settings. The order form runs them in the browser (with the settings
// the page hands it) and createOrder / rescheduleOrder run the very same functions on the server.
import type { FieldErrorKeys } from '@/lib/errors';
import type { PricingOptions, PricingUnit } from '@/lib/finance/shared';
import { addDays, fromWallTime, parseDateString, toDateString, toWallTime } from '@/lib/time';

export type BookingContext = {
  timeZone: string;
  bookableHours: { from: string; to: string };
  bookingHorizonDays: number;
};

/** What the reschedule form starts from: the booking rules of the company and the order's present start. */
export type RescheduleStart = {
  booking: BookingContext;
  defaults: { date: string; time: string; today: string };
};

/** The reschedule form's rules and defaults for an order starting at `start` (both the client's and staff's form). */
export function rescheduleStart(start: Date, settings: BookingContext, now: Date): RescheduleStart {
  const tz = settings.timeZone;
  const wall = toWallTime(start, tz);
  return {
    booking: { timeZone: tz, bookableHours: settings.bookableHours, bookingHorizonDays: settings.bookingHorizonDays },
    defaults: {
      date: toDateString(start, tz),
      time: `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`,
      today: toDateString(now, tz),
    },
  };
}

/** A job may not be booked to start sooner than this after now: someone has to get there. */
export const MIN_LEAD_MINUTES = 60;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/**
 * Checks a wanted start (date and time in the company zone) and returns the start instant, or field errors:
 * a date before today → date; beyond the horizon → date; a time outside the bookable hours (inclusive of both
 * ends) → time; today but sooner than MIN_LEAD_MINUTES → time.
 */
export function checkStart(
  wanted: { date: string; time: string },
  ctx: BookingContext,
  now: Date,
): { start: Date; fields: FieldErrorKeys } {
  const fields: FieldErrorKeys = {};
  const today = toDateString(now, ctx.timeZone);
  const { year, month, day } = parseDateString(wanted.date);
  const [hour, minute] = wanted.time.split(':').map(Number);
  const start = fromWallTime({ year, month, day, hour, minute }, ctx.timeZone);
  if (wanted.date < today) fields.date = 'orders.errors.pastDate';
  else if (wanted.date > addDays(today, ctx.bookingHorizonDays)) fields.date = 'orders.errors.beyondHorizon';
  const t = minutesOf(wanted.time);
  if (t < minutesOf(ctx.bookableHours.from) || t > minutesOf(ctx.bookableHours.to))
    fields.time = 'orders.errors.outsideHours';
  else if (!fields.date && start.getTime() < now.getTime() + MIN_LEAD_MINUTES * 60_000)
    fields.time = 'orders.errors.tooSoon';
  return { start, fields };
}

/**
 * The job must also END within the bookable hours: a start whose wall time plus the job's duration passes
 * the closing time is refused on the time field (start 19:59 with a 2 h 15 min job would end at 22:14).
 */
export function checkEnd(wanted: { time: string }, durationMinutes: number, ctx: BookingContext): FieldErrorKeys {
  return minutesOf(wanted.time) + durationMinutes > minutesOf(ctx.bookableHours.to)
    ? { time: 'orders.errors.endsAfterHours' }
    : {};
}

/** The latest start ('HH:MM') at which a job of this length still ends within the hours; null if none does. */
export function latestStart(durationMinutes: number, ctx: BookingContext): string | null {
  const latest = minutesOf(ctx.bookableHours.to) - durationMinutes;
  if (latest < minutesOf(ctx.bookableHours.from)) return null;
  return `${String(Math.floor(latest / 60)).padStart(2, '0')}:${String(latest % 60).padStart(2, '0')}`;
}

export type OptionsService = { pricingUnit: PricingUnit; extras: { code: string }[] };

/** The options the service's pricing needs, as a PricingOptions, or field errors for the missing ones. */
export function checkOptions(
  service: OptionsService,
  input: { areaM2?: number; rooms?: number; bathrooms?: number; hours?: number; extras: string[] },
): { options: PricingOptions; fields: FieldErrorKeys } {
  const fields: FieldErrorKeys = {};
  const options: PricingOptions = { extras: [...new Set(input.extras)] };
  if (service.pricingUnit === 'per_m2') {
    if (input.areaM2 === undefined) fields.areaM2 = 'orders.errors.areaRequired';
    options.areaM2 = input.areaM2;
    options.bathrooms = input.bathrooms ?? 1;
  }
  if (service.pricingUnit === 'per_room') {
    if (input.rooms === undefined) fields.rooms = 'orders.errors.roomsRequired';
    options.rooms = input.rooms;
  }
  if (service.pricingUnit === 'per_hour') {
    if (input.hours === undefined) fields.hours = 'orders.errors.hoursRequired';
    options.hours = input.hours;
  }
  const known = new Set(service.extras.map((e) => e.code));
  if (options.extras.some((c) => !known.has(c))) fields.extras = 'orders.errors.unknownExtra';
  return { options, fields };
}
