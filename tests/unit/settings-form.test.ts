import { describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '@/lib/settings/schema';
import {
  approvalsSettingsInput,
  paymentsSettingsInput,
  bpToPercent,
  isIanaTimeZone,
  matchingSettingsInput,
  percentToBp,
  plansSettingsInput,
  pricingSettingsInput,
  settingsFormInput,
  settingsFormValues,
  settingsRuleErrors,
  toSettingsPatch,
} from '@/lib/settings/form';

describe('percent ↔ basis points', () => {
  it.each([
    ['0', 0],
    ['100', 10000],
    ['12,5', 1250],
    ['12.5', 1250],
    [' 0.01 ', 1],
    ['0.29', 29], // 0.29 × 100 is 28.999… in floating point; rounding gives the basis point meant
    ['125.55', 12555],
  ])('%j %% is %i bp', (text, bp) => {
    expect(percentToBp(text)).toBe(bp);
  });

  it.each(['', 'abc', '-5', '1.005', '12,5%', '1e2', '.5'])('%j is not a percent', (text) => {
    expect(percentToBp(text)).toBeNull();
  });

  it.each([
    [9000, '90'],
    [12550, '125.5'],
    [1, '0.01'],
    [0, '0'],
  ])('%i bp shows as %s %%', (bp, text) => {
    expect(bpToPercent(bp)).toBe(text);
  });

  it('round-trips every basis point from 0 to 300 %', () => {
    const broken: number[] = [];
    for (let bp = 0; bp <= 30000; bp++) if (percentToBp(bpToPercent(bp)) !== bp) broken.push(bp);
    expect(broken).toEqual([]);
  });

  it('the pricing section parses percents into basis points', () => {
    const parsed = pricingSettingsInput.parse({
      section: 'pricing',
      gradeCoefficientsBp: { junior: '90', standard: '100', senior: '120' },
      priceCapPolicy: 'absorb',
      urgency: { windowHours: '24', surchargeBp: '20' },
      cancellationPolicy: { freeHours: '24', fullPriceHours: '2', lateFeeBp: '30', graceMinutes: '10' },
    });
    // 90 % = 9 000 bp, 20 % = 2 000 bp, 30 % = 3 000 bp: the demo company's defaults.
    expect(toSettingsPatch(parsed)).toEqual({
      gradeCoefficientsBp: defaultSettings.gradeCoefficientsBp,
      priceCapPolicy: defaultSettings.priceCapPolicy,
      urgency: defaultSettings.urgency,
      cancellationPolicy: defaultSettings.cancellationPolicy,
    });
  });
});

describe('settings form', () => {
  it('reads every section of the defaults back unchanged', () => {
    for (const values of Object.values(settingsFormValues(defaultSettings))) {
      const patch = toSettingsPatch(settingsFormInput.parse(values));
      for (const [key, value] of Object.entries(patch)) expect(value).toEqual(defaultSettings[key as keyof Settings]);
    }
  });

  it('knows IANA zones and nothing else', () => {
    for (const zone of ['Europe/Moscow', 'UTC', 'America/Argentina/Buenos_Aires', 'Etc/GMT+3', 'Asia/Yekaterinburg'])
      expect(isIanaTimeZone(zone), zone).toBe(true);
    for (const zone of ['', 'Moscow', 'Mars/Olympus_Mons', '+03:00', 'GMT+3:00', 'Europe/Moscow '])
      expect(isIanaTimeZone(zone), zone).toBe(false);
  });

  it('the rules between settings hold on the defaults and name the field that breaks them', () => {
    expect(settingsRuleErrors(defaultSettings)).toEqual({});
    expect(settingsRuleErrors({ matchingTravelBufferMinutes: 60, matchingTravelBufferOtherZoneMinutes: 30 })).toEqual({
      matchingTravelBufferOtherZoneMinutes: 'settings.errors.otherZoneBuffer',
    });
    expect(settingsRuleErrors({ gradeCoefficientsBp: { junior: 11000, standard: 10000, senior: 9000 } })).toEqual({
      'gradeCoefficientsBp.junior': 'settings.errors.gradeOrder',
      'gradeCoefficientsBp.senior': 'settings.errors.gradeOrder',
    });
  });
});

describe('the recurring plans section', () => {
  it('parses discounts as percents, the first-visit choice, the horizon and a list of holidays', () => {
    const parsed = plansSettingsInput.parse({
      section: 'plans',
      planDiscountsBp: { w1: '15', w2: '10', w4: '5' },
      planDiscountFirstVisit: 'no',
      planHorizonDays: '28',
      companyHolidays: '2027-01-07, 2027-01-01\n2027-01-01',
    });
    // 15 % = 1 500 bp …; the holidays sorted, each once.
    expect(toSettingsPatch(parsed)).toEqual({
      planDiscountsBp: { w1: 1500, w2: 1000, w4: 500 },
      planDiscountFirstVisit: false,
      planHorizonDays: 28,
      companyHolidays: ['2027-01-01', '2027-01-07'],
    });
    const bad = plansSettingsInput.safeParse({
      section: 'plans',
      planDiscountsBp: { w1: '15', w2: '10', w4: '5' },
      planDiscountFirstVisit: 'yes',
      planHorizonDays: '3',
      companyHolidays: '1 января',
    });
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['planHorizonDays', 'settings.errors.planHorizonRange'],
      ['companyHolidays', 'settings.errors.holidayDate'],
    ]);
  });
});

describe('the money approvals section', () => {
  const parse = (text: string) =>
    approvalsSettingsInput.safeParse({ section: 'approvals', moneyApprovalThreshold: text });
  it.each([
    // 10 000 ₽ = 1 000 000 kopecks; "1 500,50" ₽ = 150 050 kopecks; 0: every manager entry waits.
    ['10000', 1_000_000],
    ['10 000', 1_000_000],
    ['1 500,50', 150_050],
    ['0', 0],
  ])('%j ₽ is %d minor units', (text, minor) => {
    expect(parse(text)).toMatchObject({ success: true, data: { moneyApprovalThreshold: minor } });
  });
  it.each(['', '-1', 'abc', '1.005', '100000001'])('%j is refused', (text) => {
    expect(parse(text).success).toBe(false);
  });
  it('shows the default 1 000 000 kopecks as 10000', () => {
    expect(settingsFormValues(defaultSettings).approvals.moneyApprovalThreshold).toBe('10000');
  });
});

describe('the online payments section', () => {
  it('reads the provider, the VAT code as a number and the notification ranges as a list', () => {
    const parsed = paymentsSettingsInput.parse({
      section: 'payments',
      paymentProvider: 'yookassa',
      receiptVatCode: '11',
      yookassaNotificationRanges: '185.71.76.0/27, 77.75.156.11\n2a02:5180::/32, 185.71.76.0/27',
      autoCharge: 'visit',
      autoChargeReviewHours: '48',
      autoChargeRetryDays: '2, 5 7',
    });
    expect(toSettingsPatch(parsed)).toEqual({
      paymentProvider: 'yookassa',
      receiptVatCode: 11,
      yookassaNotificationRanges: ['185.71.76.0/27', '77.75.156.11', '2a02:5180::/32'],
      autoCharge: 'visit',
      autoChargeReviewHours: 48,
      autoChargeRetryDays: [2, 5, 7],
    });
  });

  it('refuses a VAT code outside 1–12 and a range that is not an address', () => {
    const base = {
      section: 'payments',
      paymentProvider: 'stripe',
      yookassaNotificationRanges: '185.71.76.0/27',
      autoCharge: 'never',
      autoChargeReviewHours: '24',
      autoChargeRetryDays: '1, 3',
    };
    expect(paymentsSettingsInput.safeParse({ ...base, receiptVatCode: '13' }).success).toBe(false);
    const bad = paymentsSettingsInput.safeParse({
      ...base,
      receiptVatCode: '1',
      yookassaNotificationRanges: 'yookassa.ru',
    });
    expect(bad.success).toBe(false);
    // Saved cards are charged on one of three occasions only; the review window is 1–168 hours; retries are days 1–60.
    expect(paymentsSettingsInput.safeParse({ ...base, receiptVatCode: '1', autoCharge: 'daily' }).success).toBe(false);
    expect(paymentsSettingsInput.safeParse({ ...base, receiptVatCode: '1', autoChargeRetryDays: '1, 0' }).success).toBe(
      false,
    );
    expect(paymentsSettingsInput.safeParse({ ...base, receiptVatCode: '1', autoChargeReviewHours: '0' }).success).toBe(
      false,
    );
  });

  it('shows the defaults back as the form has them', () => {
    expect(settingsFormValues(defaultSettings).payments).toEqual({
      section: 'payments',
      paymentProvider: 'stripe',
      receiptVatCode: '1',
      yookassaNotificationRanges: defaultSettings.yookassaNotificationRanges.join(', '),
      // Existing companies keep working as before: no card is charged until an admin chooses to.
      autoCharge: 'never',
      autoChargeReviewHours: '24',
      autoChargeRetryDays: '1, 3',
    });
  });
});

describe("the day's re-plan (matching section)", () => {
  const base = settingsFormValues(defaultSettings).matching;
  const issues = (replan: Partial<typeof base.matchingReplan>) => {
    const parsed = matchingSettingsInput.safeParse({ ...base, matchingReplan: { ...base.matchingReplan, ...replan } });
    return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('shows the defaults (on, 3 points, 2 hours ahead, one day) and parses a decimal saving with a comma', () => {
    expect(base.matchingReplan).toEqual({ enabled: true, minSaving: '3', leadHours: '2', days: '1' });
    const parsed = matchingSettingsInput.parse({
      ...base,
      matchingReplan: { enabled: false, minSaving: '2,5', leadHours: '0', days: '7' },
    });
    expect(parsed.matchingReplan).toEqual({ enabled: false, minSaving: 2.5, leadHours: 0, days: 7 });
  });

  it('refuses a saving outside 0–1000, lead hours outside 0–48 or not whole, days outside 1–7', () => {
    expect(issues({ minSaving: '1000.01' })).toEqual({
      'matchingReplan.minSaving': 'settings.errors.replanSavingRange',
    });
    expect(issues({ minSaving: '-1' })).toEqual({ 'matchingReplan.minSaving': 'settings.errors.replanSavingRange' });
    expect(issues({ minSaving: 'ten' })).toEqual({ 'matchingReplan.minSaving': 'settings.errors.decimal' });
    expect(issues({ leadHours: '49' })).toEqual({ 'matchingReplan.leadHours': 'settings.errors.replanLeadHoursRange' });
    expect(issues({ leadHours: '1.5' })).toEqual({ 'matchingReplan.leadHours': 'settings.errors.wholeNumber' });
    expect(issues({ days: '0' })).toEqual({ 'matchingReplan.days': 'settings.errors.replanDaysRange' });
    expect(issues({ days: '8' })).toEqual({ 'matchingReplan.days': 'settings.errors.replanDaysRange' });
    expect(issues({ minSaving: '1000', leadHours: '48', days: '1' })).toEqual({});
  });
});
