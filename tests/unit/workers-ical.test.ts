import { describe, expect, it } from 'vitest';
import { renderCalendar } from '@/lib/workers/ical';

describe('iCalendar feed', () => {
  it('renders events in UTC, escapes text and folds long lines', () => {
    const text = renderCalendar(
      'Бригада — Анна',
      [
        {
          id: 'o1',
          number: 'BR-2026-000001',
          start: new Date('2026-12-01T07:00:00Z'),
          end: new Date('2026-12-01T09:30:00Z'),
          summary: 'Поддерживающая уборка',
          location: 'Москва, ул. Тверская, д. 7; кв. 12',
          description: 'Код 12К\nКонсьерж предупреждён, '.repeat(3),
          cancelled: false,
        },
      ],
      new Date('2026-11-25T10:00:00Z'),
    );
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('DTSTART:20261201T070000Z');
    expect(lines).toContain('DTEND:20261201T093000Z');
    expect(lines).toContain('LOCATION:Москва\\, ул. Тверская\\, д. 7\\; кв. 12');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    // Every physical line is at most 75 octets; continuation lines start with a space.
    for (const l of lines) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('DESCRIPTION:Код 12К\\nКонсьерж предупреждён\\, Код 12К');
  });
});
