import { describe, expect, it } from 'vitest';
import {
  NOT_PREFERRED_POINTS,
  NOT_REGULAR_POINTS,
  continuityTerm,
  failureRate,
  haversineKm,
  pairCost,
  qualityTerm,
  seniorityTerm,
  smoothedRating,
  travelKm,
  workloadTerm,
} from '@/lib/matching/cost';
import { explanationFacts, explanationSentence } from '@/lib/matching/explain';
import { createTranslator } from 'next-intl';
import en from '@/lib/i18n/messages/en/matching.json';
import ru from '@/lib/i18n/messages/ru/matching.json';

const zones = new Map([
  ['center', { lat: 55.7558, lng: 37.6173 }],
  ['north', { lat: 55.8357, lng: 37.5291 }],
  ['south', { lat: 55.6622, lng: 37.6353 }],
]);
const at = (hhmm: string) => new Date(`2026-12-02T${hhmm}:00Z`);

describe('cost terms', () => {
  it('haversine: Moscow centre to the north zone is about 10 km', () => {
    const km = haversineKm(zones.get('center')!, zones.get('north')!);
    expect(km).toBeGreaterThan(9.5);
    expect(km).toBeLessThan(10.5);
    expect(haversineKm(zones.get('center')!, zones.get('center')!)).toBe(0);
  });

  it('travel: from home, from the previous job of the day, and the detour to the next one', () => {
    const order = { start: at('12:00'), end: at('14:00'), zoneId: 'center' };
    expect(travelKm(order, [], 'center', zones)).toBe(0);
    const fromNorth = travelKm(
      order,
      [{ orderId: 'a', start: at('09:00'), end: at('11:00'), zoneId: 'north' }],
      'center',
      zones,
    );
    expect(fromNorth).toBeCloseTo(haversineKm(zones.get('north')!, zones.get('center')!), 6);
    // Home in the north, next job in the north: north → centre → north instead of staying, a round trip.
    const detour = travelKm(
      order,
      [{ orderId: 'b', start: at('15:00'), end: at('17:00'), zoneId: 'north' }],
      'north',
      zones,
    );
    expect(detour).toBeCloseTo(2 * haversineKm(zones.get('north')!, zones.get('center')!), 6);
    // A job two days earlier is not today's route: travel counts from home.
    const old = travelKm(
      order,
      [
        {
          orderId: 'c',
          start: new Date('2026-11-30T09:00:00Z'),
          end: new Date('2026-11-30T11:00:00Z'),
          zoneId: 'south',
        },
      ],
      'center',
      zones,
    );
    expect(old).toBe(0);
  });

  it('workload: linear up to the weekly target, three times steeper beyond it', () => {
    expect(workloadTerm(0, 3, 30)).toBeCloseTo(0.1);
    expect(workloadTerm(12, 3, 30)).toBeCloseTo(0.5);
    expect(workloadTerm(30, 3, 30)).toBeCloseTo(1 + 3 * 0.1);
    expect(workloadTerm(10, 2, 20)).toBeLessThan(workloadTerm(15, 2, 20));
  });

  it('quality: ratings shrink towards 4.5 and failures add their rate', () => {
    expect(smoothedRating({ ratingSum: 0, ratingCount: 0 })).toBe(4.5);
    // (5 + 4.5·2) / 3 = 4.667: one 5★ is not yet a 5★ worker.
    expect(smoothedRating({ ratingSum: 5, ratingCount: 1 })).toBeCloseTo(4.6667, 3);
    expect(failureRate({ completed: 9, failed: 1 })).toBeCloseTo(0.1);
    expect(failureRate({ completed: 0, failed: 0 })).toBe(0);
    const good = qualityTerm({ ratingSum: 49 * 10, ratingCount: 100, completed: 100, failed: 0 });
    const poor = qualityTerm({ ratingSum: 35, ratingCount: 10, completed: 8, failed: 2 });
    expect(good).toBeLessThan(poor);
    // (5 − (35 + 9) / 12) / 4 + 0.2 = 0.3333 + 0.2
    expect(poor).toBeCloseTo((5 - 44 / 12) / 4 + 0.2, 6);
  });

  it('continuity: free for a worker this client rated 4.5 or more', () => {
    expect(continuityTerm(4.8)).toBe(0);
    expect(continuityTerm(4.5)).toBe(0);
    expect(continuityTerm(4.0)).toBe(1);
    expect(continuityTerm(null)).toBe(1);
  });

  it('seniority: each grade above the need costs 1, below it 3', () => {
    expect(seniorityTerm('standard', 'standard')).toBe(0);
    expect(seniorityTerm('senior', 'junior')).toBe(2);
    expect(seniorityTerm('junior', 'standard')).toBe(3);
  });

  it('pairCost weighs and sums the terms', () => {
    const terms = pairCost({
      order: { start: at('10:00'), end: at('13:00'), zoneId: 'north', minGrade: 'junior' },
      worker: { grade: 'standard', homeZoneId: 'center', weeklyHoursTarget: 30, busy: [] },
      weekHours: 12,
      stats: { ratingSum: 0, ratingCount: 0, completed: 0, failed: 0 },
      clientRating: null,
      zones,
      weights: { travelPerKm: 1, workload: 10, quality: 10, continuity: 5, seniority: 3 },
    });
    const km = haversineKm(zones.get('center')!, zones.get('north')!);
    // travel km·1 + workload (12+3)/30·10 = 5 + quality (0.5/4)·10 = 1.25 + continuity 5 + seniority 1·3
    expect(terms.total).toBeCloseTo(km + 5 + 1.25 + 5 + 3, 6);
    expect(terms.points).toMatchObject({ workload: 5, quality: 1.25, continuity: 5, seniority: 3 });
    expect(terms.rating).toBeNull();
  });

  it('a client’s preferred worker: the others pay 10 points, weaker than a plan’s regular, stored like it', () => {
    const base = {
      order: { start: at('10:00'), end: at('13:00'), zoneId: 'center', minGrade: 'standard' as const },
      worker: { grade: 'standard' as const, homeZoneId: 'center', weeklyHoursTarget: 30, busy: [] },
      weekHours: 0,
      stats: { ratingSum: 0, ratingCount: 0, completed: 0, failed: 0 },
      clientRating: null,
      zones,
      weights: { travelPerKm: 1, workload: 10, quality: 10, continuity: 5, seniority: 3 },
    };
    const none = pairCost(base);
    const preferred = pairCost({ ...base, preferred: true });
    const other = pairCost({ ...base, preferred: false });
    expect(none.preferred).toBeUndefined();
    expect(preferred).toMatchObject({ preferred: true, total: none.total });
    expect(preferred.points.preferred).toBeUndefined();
    expect(other).toMatchObject({ preferred: false, points: { preferred: NOT_PREFERRED_POINTS } });
    expect(other.total - none.total).toBe(NOT_PREFERRED_POINTS);
    // Weaker than a plan's regular worker: a preferred non-regular still costs more than a regular.
    const regularOrder = { ...base.order, regularWorkerId: 'regular' };
    const preferredSubstitute = pairCost({
      ...base,
      order: regularOrder,
      worker: { ...base.worker, id: 'p' },
      preferred: true,
    });
    const regularNotPreferred = pairCost({
      ...base,
      order: regularOrder,
      worker: { ...base.worker, id: 'regular' },
      preferred: false,
    });
    expect(regularNotPreferred.total).toBeLessThan(preferredSubstitute.total);
    expect(NOT_PREFERRED_POINTS).toBeLessThan(NOT_REGULAR_POINTS);
  });
});

describe('explanations', () => {
  const terms = { travelKm: 2.04, weekHours: 12, rating: 4.93, failureRate: 0, clientRating: null, gradeGap: 0 };
  it('lists the facts that matter', () => {
    expect(explanationFacts(terms)).toEqual([
      { key: 'km', values: { km: 2 } },
      { key: 'weekHours', values: { hours: 12 } },
      { key: 'rating', values: { rating: 4.9 } },
    ]);
    const facts = explanationFacts({
      travelKm: 14.6,
      weekHours: 3.25,
      rating: null,
      failureRate: 0.25,
      clientRating: 5,
      gradeGap: 1,
    }).map((f) => f.key);
    expect(facts).toEqual(['km', 'weekHours', 'newWorker', 'clientFavourite', 'failures', 'overqualified']);
  });

  it('reads as a sentence in both languages', () => {
    const runnerUp = { name: 'Ольга', terms: { ...terms, travelKm: 9.2, weekHours: 20, rating: null } };
    const tEn = createTranslator({ locale: 'en', messages: { matching: en }, namespace: 'matching' });
    const tRu = createTranslator({ locale: 'ru', messages: { matching: ru }, namespace: 'matching' });
    expect(explanationSentence(tEn as never, { name: 'Анна', terms }, [runnerUp])).toBe(
      'matched Анна: 2 km away, 12 hours this week, rating 4.9; runner-up Ольга: 9.2 km away, 20 hours this week, no ratings yet',
    );
    expect(explanationSentence(tRu as never, { name: 'Анна', terms }, [])).toBe(
      'выбран(а) Анна: в 2 км, 12 часов на этой неделе, рейтинг 4,9',
    );
    // A client's preferred worker, and a runner-up who is not one.
    const chosen = { name: 'Анна', terms: { ...terms, preferred: true } };
    const other = { name: 'Ольга', terms: { ...terms, preferred: false } };
    expect(explanationSentence(tEn as never, chosen, [other])).toBe(
      'matched Анна: 2 km away, 12 hours this week, rating 4.9, one of this client’s preferred cleaners; ' +
        'runner-up Ольга: 2 km away, 12 hours this week, rating 4.9, not one of the client’s preferred cleaners',
    );
    expect(explanationSentence(tRu as never, chosen, [])).toBe(
      'выбран(а) Анна: в 2 км, 12 часов на этой неделе, рейтинг 4,9, один из предпочитаемых исполнителей клиента',
    );
    // A worker who took the job over on the day's re-plan; `replanned` absent or false says nothing.
    expect(explanationFacts({ ...terms, replanned: true }).map((f) => f.key)).toEqual([
      'km',
      'weekHours',
      'rating',
      'replanned',
    ]);
    expect(explanationFacts({ ...terms, replanned: false }).map((f) => f.key)).toEqual(['km', 'weekHours', 'rating']);
    const replanned = { name: 'Анна', terms: { ...terms, replanned: true } };
    expect(explanationSentence(tEn as never, replanned, [])).toBe(
      'matched Анна: 2 km away, 12 hours this week, rating 4.9, took over on the day’s re-plan',
    );
    expect(explanationSentence(tRu as never, replanned, [])).toBe(
      'выбран(а) Анна: в 2 км, 12 часов на этой неделе, рейтинг 4,9, взял заказ при пересмотре дня',
    );
  });
});

describe('the dispatch summary', () => {
  const tEn = createTranslator({ locale: 'en', messages: { matching: en }, namespace: 'matching' });
  const tRu = createTranslator({ locale: 'ru', messages: { matching: ru }, namespace: 'matching' });
  const counts = { considered: 5, matched: 4, unmatched: 1, conflicts: 0 };
  it('names the jobs the re-plan moved, and says nothing of them when there were none', () => {
    expect(tEn('runResult', { ...counts, moved: 0 })).toBe('Matched 4 of 5; 1 without a worker, 0 conflicts.');
    expect(tEn('runResult', { ...counts, moved: 2 })).toBe(
      'Matched 4 of 5; 1 without a worker, 0 conflicts; 2 moved to another worker on the day’s re-plan.',
    );
    expect(tRu('runResult', { ...counts, moved: 2 })).toBe(
      'Назначено 4 из 5; без исполнителя 1, конфликтов 0; передано другому исполнителю при пересмотре дня: 2.',
    );
  });
});
