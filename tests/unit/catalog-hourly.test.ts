import { describe, expect, it } from 'vitest';
import { serviceInput } from '@/lib/catalog/shared';
import { estimateDuration } from '@/lib/finance/shared';

const hourly = {
  code: 'ironing',
  nameRu: 'Глажка',
  nameEn: 'Ironing',
  skill: 'ironing',
  pricingUnit: 'per_hour' as const,
  unitPrice: '900',
  baseMinutes: '0',
  minutesPerUnit: '0',
};

describe('an hourly service’s duration', () => {
  it('takes 0 base minutes (the hours booked are the duration); other units still need at least 1', () => {
    expect(serviceInput.safeParse(hourly).success).toBe(true);
    const fixed = serviceInput.safeParse({ ...hourly, pricingUnit: 'fixed' });
    expect(fixed.success).toBe(false);
    expect(fixed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['baseMinutes', 'catalog.errors.durationPositive'],
    ]);
    // Minutes per unit stay refused for an hourly service, as the form says.
    expect(serviceInput.safeParse({ ...hourly, minutesPerUnit: '15' }).error?.issues[0].message).toBe(
      'catalog.errors.perHourMinutes',
    );
  });

  it('3 booked hours block exactly 3 hours, whatever base minutes an older hourly service kept', () => {
    for (const baseMinutes of [0, 45, 60])
      expect(
        estimateDuration(
          { pricingUnit: 'per_hour', baseMinutes, minutesPerUnitX100: 0, extras: [] },
          { hours: 3, extras: [] },
        ),
      ).toBe(180);
  });
});
