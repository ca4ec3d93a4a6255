import { describe, expect, it } from 'vitest';
import {
  checkEnd,
  checkOptions,
  checkStart,
  latestStart,
  rescheduleStart,
  type BookingContext,
} from '@/lib/orders/booking-rules';
import { orderInput } from '@/lib/orders/schemas';
import { formatOrderNumber } from '@/lib/orders/create-order';

const ctx: BookingContext = {
  timeZone: 'Europe/Moscow',
  bookableHours: { from: '08:00', to: '20:00' },
  bookingHorizonDays: 60,
};
// 2026-12-01 12:00 Moscow.
const now = new Date('2026-12-01T09:00:00Z');

describe('checkStart', () => {
  it('turns a Moscow wall time into the instant', () => {
    const { start, fields } = checkStart({ date: '2026-12-08', time: '10:00' }, ctx, now);
    expect(fields).toEqual({});
    expect(start.toISOString()).toBe('2026-12-08T07:00:00.000Z');
  });

  it('accepts both ends of the bookable hours and refuses outside them', () => {
    expect(checkStart({ date: '2026-12-08', time: '08:00' }, ctx, now).fields).toEqual({});
    expect(checkStart({ date: '2026-12-08', time: '20:00' }, ctx, now).fields).toEqual({});
    expect(checkStart({ date: '2026-12-08', time: '07:45' }, ctx, now).fields).toEqual({
      time: 'orders.errors.outsideHours',
    });
    expect(checkStart({ date: '2026-12-08', time: '20:15' }, ctx, now).fields).toEqual({
      time: 'orders.errors.outsideHours',
    });
  });

  it('refuses the past, less than an hour ahead, and beyond the horizon', () => {
    expect(checkStart({ date: '2026-11-30', time: '10:00' }, ctx, now).fields).toEqual({
      date: 'orders.errors.pastDate',
    });
    // Today 12:59 is 59 minutes ahead; 13:00 is exactly an hour.
    expect(checkStart({ date: '2026-12-01', time: '12:59' }, ctx, now).fields).toEqual({
      time: 'orders.errors.tooSoon',
    });
    expect(checkStart({ date: '2026-12-01', time: '13:00' }, ctx, now).fields).toEqual({});
    // 1 December + 60 days = 30 January.
    expect(checkStart({ date: '2027-01-30', time: '10:00' }, ctx, now).fields).toEqual({});
    expect(checkStart({ date: '2027-01-31', time: '10:00' }, ctx, now).fields).toEqual({
      date: 'orders.errors.beyondHorizon',
    });
  });

  it('uses the company day, not UTC: 01:30 Moscow is already the next day', () => {
    const lateNight = new Date('2026-12-01T22:30:00Z'); // 2 December 01:30 in Moscow
    expect(checkStart({ date: '2026-12-01', time: '19:00' }, ctx, lateNight).fields).toEqual({
      date: 'orders.errors.pastDate',
    });
  });
});

describe('checkOptions', () => {
  const service = { pricingUnit: 'per_m2' as const, extras: [{ code: 'windows' }] };
  it('requires the quantity the service is priced by and known extras', () => {
    expect(checkOptions(service, { extras: [] }).fields).toEqual({ areaM2: 'orders.errors.areaRequired' });
    expect(checkOptions(service, { areaM2: 50, extras: ['sauna'] }).fields).toEqual({
      extras: 'orders.errors.unknownExtra',
    });
    expect(checkOptions({ pricingUnit: 'per_room', extras: [] }, { extras: [] }).fields).toEqual({
      rooms: 'orders.errors.roomsRequired',
    });
  });
  it('keeps only what pricing needs, one bathroom by default, extras once', () => {
    expect(checkOptions(service, { areaM2: 50, rooms: 3, extras: ['windows', 'windows'] }).options).toEqual({
      areaM2: 50,
      bathrooms: 1,
      extras: ['windows'],
    });
  });
});

describe('orderInput', () => {
  const valid = {
    serviceId: '6f1c1b1e-2f4a-4c8e-9a57-2b1f0c3d4e5f',
    zoneId: '7f1c1b1e-2f4a-4c8e-9a57-2b1f0c3d4e5f',
    areaM2: '60',
    address: 'ул. Тверская, 1',
    date: '2026-12-08',
    time: '10:00',
    contactPhone: '+7 900 123-45-67',
  };
  it('coerces form strings and treats empty numbers as not given', () => {
    const parsed = orderInput.parse({ ...valid, rooms: '', bathrooms: '' });
    expect(parsed).toMatchObject({
      areaM2: 60,
      rooms: undefined,
      bathrooms: undefined,
      extras: [],
      accessNotes: '',
      saveAddress: false,
    });
  });
  it('refuses area 0, over 1000 m² and a missing address with field messages', () => {
    const issues = (v: object) =>
      orderInput.safeParse({ ...valid, ...v }).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues({ areaM2: '0' })).toEqual([['areaM2', 'orders.errors.areaTooSmall']]);
    expect(issues({ areaM2: '1001' })).toEqual([['areaM2', 'orders.errors.areaTooBig']]);
    // The form shows the first message of a field.
    expect(issues({ address: '' })?.[0]).toEqual(['address', 'orders.errors.addressRequired']);
  });
  it('formats order numbers', () => {
    expect(formatOrderNumber(2026, 123)).toBe('BR-2026-000123');
  });
});

describe('checkEnd and latestStart: the job must end within the bookable hours (08:00–20:00)', () => {
  it('refuses a start whose job would end after closing, and accepts one ending exactly at closing', () => {
    // 19:59 + 2 h 15 min = 22:14: past 20:00.
    expect(checkEnd({ time: '19:59' }, 135, ctx)).toEqual({ time: 'orders.errors.endsAfterHours' });
    // A deep clean of 8 h at 14:00 ends at 22:00: refused; at 12:00 it ends at 20:00: accepted.
    expect(checkEnd({ time: '14:00' }, 480, ctx)).toEqual({ time: 'orders.errors.endsAfterHours' });
    expect(checkEnd({ time: '12:00' }, 480, ctx)).toEqual({});
  });

  it('states the latest start at which the job still fits, or none when it is longer than the day', () => {
    expect(latestStart(135, ctx)).toBe('17:45'); // 20:00 − 2 h 15 min
    expect(latestStart(480, ctx)).toBe('12:00');
    expect(latestStart(12 * 60, ctx)).toBe('08:00');
    expect(latestStart(12 * 60 + 1, ctx)).toBeNull();
  });
});

describe('rescheduleStart', () => {
  it("starts the form at the order's wall-clock start in the company zone, today as the earliest date", () => {
    // 2026-12-08 21:05 UTC is 2026-12-09 00:05 in Moscow (UTC+3): the date rolls over, minutes are padded.
    const settings = { ...ctx, currency: 'RUB' };
    const form = rescheduleStart(new Date('2026-12-08T21:05:00Z'), settings, now);
    expect(form).toEqual({ booking: ctx, defaults: { date: '2026-12-09', time: '00:05', today: '2026-12-01' } });
  });
});
