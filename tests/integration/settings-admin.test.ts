import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, orders } from '@/db/schema';
import { listAudit } from '@/lib/audit';
import { toFormState } from '@/lib/errors';
import { dispatch } from '@/lib/matching';
import { getSettings, getSettingsView, updateSettings, type Settings } from '@/lib/settings';
import { settingsFormInput, settingsFormValues, toSettingsPatch, type SettingsFormInput } from '@/lib/settings/form';
import { createService, createUser } from '@/tests/support/factories';
import { onPostgres, setupTestDb } from '@/tests/support/db';
import { HOUR, company, nextMonday, pendingOrder, worker } from '../support/matching-fixtures';

const t = setupTestDb();

/** What the server action does with a section's raw form values: parse with the shared schema, then save. */
async function saveSection(actor: Parameters<typeof updateSettings>[1], raw: SettingsFormInput): Promise<Settings> {
  return updateSettings(t.db, actor, toSettingsPatch(settingsFormInput.parse(raw)));
}

/** The field errors the form would show for these raw values (the action maps a ZodError the same way). */
function formErrors(raw: SettingsFormInput): Record<string, string> {
  const parsed = settingsFormInput.safeParse(raw);
  if (parsed.success) return {};
  return toFormState(parsed.error).fields;
}

const matchingForm = (s: Settings) => settingsFormValues(s).matching;

describe('admin settings', () => {
  it('an admin changes the matching buffers and weights; getSettings reads them and the audit log shows only what changed', async () => {
    const admin = await createUser(t.db, 'admin');
    const before = await getSettings(t.db);
    expect(before.matchingTravelBufferMinutes).toBe(30);

    await saveSection(admin, {
      ...matchingForm(before),
      matchingTravelBufferMinutes: '45',
      matchingTravelBufferOtherZoneMinutes: '90',
      matchingWeights: { travelPerKm: '2,5', workload: '10', quality: '20', continuity: '5', seniority: '3' },
    });

    const after = await getSettings(t.db);
    expect(after.matchingTravelBufferMinutes).toBe(45);
    expect(after.matchingTravelBufferOtherZoneMinutes).toBe(90);
    // "2,5" typed with a comma is 2.5.
    expect(after.matchingWeights).toEqual({ travelPerKm: 2.5, workload: 10, quality: 20, continuity: 5, seniority: 3 });
    // Nothing outside the section moved.
    expect({
      ...after,
      matchingTravelBufferMinutes: 30,
      matchingTravelBufferOtherZoneMinutes: 60,
      matchingWeights: before.matchingWeights,
    }).toEqual(before);

    const { items: entries } = await listAudit(t.db, admin, { entity: 'settings' });
    expect(entries).toHaveLength(1);
    // The section also sent the horizon and alert hours unchanged: they are not in the entry.
    expect(entries[0]).toMatchObject({
      action: 'settings.update',
      entity: 'settings',
      actorId: admin.id,
      actorRole: 'admin',
      before: {
        matchingTravelBufferMinutes: 30,
        matchingTravelBufferOtherZoneMinutes: 60,
        matchingWeights: { travelPerKm: 1, workload: 10, quality: 10, continuity: 5, seniority: 3 },
      },
      after: {
        matchingTravelBufferMinutes: 45,
        matchingTravelBufferOtherZoneMinutes: 90,
        matchingWeights: { travelPerKm: 2.5, workload: 10, quality: 20, continuity: 5, seniority: 3 },
      },
    });
    expect(Object.keys(entries[0].after ?? {}).sort()).toEqual([
      'matchingTravelBufferMinutes',
      'matchingTravelBufferOtherZoneMinutes',
      'matchingWeights',
    ]);

    // Saving the same values again changes nothing and logs nothing.
    await saveSection(admin, matchingForm(after));
    expect((await listAudit(t.db, admin, { entity: 'settings' })).items).toHaveLength(1);
  });

  it("an admin turns the day's re-plan off and changes its threshold; bad input saves nothing", async () => {
    const admin = await createUser(t.db, 'admin');
    const before = await getSettings(t.db);
    expect(before.matchingReplan).toEqual({ enabled: true, minSaving: 3, leadHours: 2, days: 1 });
    const form = matchingForm(before);

    const after = await saveSection(admin, {
      ...form,
      matchingReplan: { enabled: false, minSaving: '7.5', leadHours: '4', days: '2' },
    });
    expect(after.matchingReplan).toEqual({ enabled: false, minSaving: 7.5, leadHours: 4, days: 2 });
    expect((await getSettings(t.db)).matchingReplan).toEqual(after.matchingReplan);
    // The form shows the stored values back as text, and they parse to the same settings.
    expect(matchingForm(after).matchingReplan).toEqual({ enabled: false, minSaving: '7.5', leadHours: '4', days: '2' });
    // The entry names only the re-plan: the section's other fields were sent unchanged (newest entry first).
    const { items: entries } = await listAudit(t.db, admin, { entity: 'settings' });
    expect(entries[0]).toMatchObject({
      before: { matchingReplan: before.matchingReplan },
      after: { matchingReplan: after.matchingReplan },
    });
    expect(Object.keys(entries[0].after ?? {})).toEqual(['matchingReplan']);

    const audits = await t.db.$count(auditLog);
    expect(
      formErrors({ ...form, matchingReplan: { enabled: true, minSaving: '1001', leadHours: '72', days: '0' } }),
    ).toEqual({
      'matchingReplan.minSaving': 'settings.errors.replanSavingRange',
      'matchingReplan.leadHours': 'settings.errors.replanLeadHoursRange',
      'matchingReplan.days': 'settings.errors.replanDaysRange',
    });
    await expect(
      saveSection(admin, { ...form, matchingReplan: { ...form.matchingReplan, days: '8' } }),
    ).rejects.toMatchObject({ name: 'ZodError' });
    expect((await getSettings(t.db)).matchingReplan).toEqual(after.matchingReplan);
    expect(await t.db.$count(auditLog)).toBe(audits);
  });

  it('stores percents as basis points and shows them back as percents', async () => {
    const admin = await createUser(t.db, 'admin');
    const current = await getSettings(t.db);
    const pricing = settingsFormValues(current).pricing;
    await saveSection(admin, {
      ...pricing,
      gradeCoefficientsBp: { junior: '85', standard: '100', senior: '125,5' },
      urgency: { windowHours: '12', surchargeBp: '15' },
      cancellationPolicy: { freeHours: '48', fullPriceHours: '3', lateFeeBp: '40', graceMinutes: '15' },
    });
    const after = await getSettings(t.db);
    // 125,5 % = 12 550 bp; 15 % = 1 500 bp; 40 % = 4 000 bp.
    expect(after.gradeCoefficientsBp).toEqual({ junior: 8500, standard: 10000, senior: 12550 });
    expect(after.urgency).toEqual({ windowHours: 12, surchargeBp: 1500 });
    expect(after.cancellationPolicy).toEqual({ freeHours: 48, fullPriceHours: 3, lateFeeBp: 4000, graceMinutes: 15 });
    expect(settingsFormValues(after).pricing.gradeCoefficientsBp).toEqual({
      junior: '85',
      standard: '100',
      senior: '125.5',
    });
  });

  it('managers, clients and workers may not change settings, and nothing changes', async () => {
    const before = await getSettings(t.db);
    const audits = await t.db.$count(auditLog);
    for (const role of ['manager', 'client', 'worker'] as const) {
      const user = await createUser(t.db, role);
      await expect(
        saveSection(user, { ...matchingForm(before), matchingTravelBufferMinutes: '5' }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      await expect(updateSettings(t.db, user, { invoiceDueDays: 30 })).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(await getSettings(t.db)).toEqual(before);
    expect(await t.db.$count(auditLog)).toBe(audits);
  });

  it('managers may read the settings page, read-only; clients and workers may not', async () => {
    const admin = await createUser(t.db, 'admin');
    const manager = await createUser(t.db, 'manager');
    expect((await getSettingsView(t.db, admin)).canEdit).toBe(true);
    expect((await getSettingsView(t.db, manager)).canEdit).toBe(false);
    for (const role of ['client', 'worker'] as const) {
      await expect(getSettingsView(t.db, await createUser(t.db, role))).rejects.toMatchObject({ code: 'forbidden' });
    }
  });

  it('refuses invalid input with field errors and changes nothing', async () => {
    const admin = await createUser(t.db, 'admin');
    const before = await getSettings(t.db);
    const audits = await t.db.$count(auditLog);
    const form = settingsFormValues(before);

    expect(formErrors({ ...form.company, timeZone: 'Mars/Olympus_Mons' })).toEqual({
      timeZone: 'settings.errors.timeZone',
    });
    expect(formErrors({ ...form.company, timeZone: '+03:00' })).toEqual({ timeZone: 'settings.errors.timeZone' });
    expect(formErrors({ ...form.booking, bookableHours: { from: '20:00', to: '08:00' } })).toEqual({
      'bookableHours.to': 'settings.errors.hoursOrder',
    });
    expect(formErrors({ ...form.booking, bookableHours: { from: '09:00', to: '09:00' } })).toEqual({
      'bookableHours.to': 'settings.errors.hoursOrder',
    });
    expect(formErrors({ ...form.booking, bookableHours: { from: '9', to: '25:00' } })).toEqual({
      'bookableHours.from': 'settings.errors.time',
      'bookableHours.to': 'settings.errors.time',
    });
    expect(
      formErrors({
        ...form.pricing,
        cancellationPolicy: { freeHours: '24', fullPriceHours: '24', lateFeeBp: '30', graceMinutes: '10' },
      }),
    ).toEqual({
      'cancellationPolicy.fullPriceHours': 'settings.errors.fullPriceBeforeFree',
    });
    expect(formErrors({ ...form.matching, matchingTravelBufferMinutes: '-15' })).toEqual({
      matchingTravelBufferMinutes: 'settings.errors.bufferRange',
    });
    // Out of range says so, and only that (the rule against the other-zone buffer waits for valid fields).
    expect(formErrors({ ...form.matching, matchingTravelBufferMinutes: '500' })).toEqual({
      matchingTravelBufferMinutes: 'settings.errors.bufferRange',
    });
    expect(formErrors({ ...form.matching, matchingTravelBufferMinutes: '1.5' })).toEqual({
      matchingTravelBufferMinutes: 'settings.errors.wholeNumber',
    });
    expect(
      formErrors({ ...form.matching, matchingTravelBufferMinutes: '90', matchingTravelBufferOtherZoneMinutes: '60' }),
    ).toEqual({
      matchingTravelBufferOtherZoneMinutes: 'settings.errors.otherZoneBuffer',
    });
    expect(
      formErrors({
        ...form.matching,
        matchingHorizonDays: '91',
        matchingWeights: { ...form.matching.matchingWeights, quality: '1001' },
      }),
    ).toEqual({
      matchingHorizonDays: 'settings.errors.matchingHorizonRange',
      'matchingWeights.quality': 'settings.errors.weightRange',
    });
    expect(
      formErrors({ ...form.pricing, gradeCoefficientsBp: { junior: '40', standard: '100', senior: '120' } }),
    ).toEqual({ 'gradeCoefficientsBp.junior': 'settings.errors.coefficientRange' });
    expect(formErrors({ ...form.pricing, urgency: { windowHours: '24', surchargeBp: '101' } })).toEqual({
      'urgency.surchargeBp': 'settings.errors.percentRange',
    });
    expect(
      formErrors({ ...form.workers, workerStartWindow: { beforeMinutes: '30', lateGraceMinutes: 'five' } }),
    ).toEqual({ 'workerStartWindow.lateGraceMinutes': 'settings.errors.wholeNumber' });
    await expect(saveSection(admin, { ...form.matching, matchingTravelBufferMinutes: '-15' })).rejects.toMatchObject({
      name: 'ZodError',
    });

    // A caller that skips the form (a script, another module) meets the same rules in updateSettings.
    const refused: [Partial<Settings>, Record<string, string>][] = [
      [{ timeZone: 'Mars/Olympus_Mons' }, { timeZone: 'settings.errors.timeZone' }],
      [{ bookableHours: { from: '18:00', to: '18:00' } }, { 'bookableHours.to': 'settings.errors.hoursOrder' }],
      [
        { cancellationPolicy: { freeHours: 2, fullPriceHours: 6, lateFeeBp: 3000, graceMinutes: 10 } },
        { 'cancellationPolicy.fullPriceHours': 'settings.errors.fullPriceBeforeFree' },
      ],
      [{ currency: 'EUR' }, { currency: 'settings.errors.currencyFixed' }],
    ];
    for (const [patch, fields] of refused) {
      await expect(updateSettings(t.db, admin, patch)).rejects.toMatchObject({ code: 'validation_failed', fields });
    }
    // The stored shape still holds too: a negative buffer is a ZodError.
    await expect(updateSettings(t.db, admin, { matchingTravelBufferMinutes: -15 })).rejects.toMatchObject({
      name: 'ZodError',
    });

    expect(await getSettings(t.db)).toEqual(before);
    expect(await t.db.$count(auditLog)).toBe(audits);
  });

  it('a changed travel buffer changes who matching may give two orders 45 minutes apart', async () => {
    const admin = await createUser(t.db, 'admin');
    const { center, client } = await company(t.db);
    const day = nextMonday(new Date(Date.now() + 14 * 24 * HOUR));

    /** One worker (the only one with this skill) and two 2-hour orders: 10:00-12:00 and 12:45-14:45, same district. */
    async function twoOrders(skill: string) {
      const solo = await worker(t.db, { zoneIds: [center.id], skills: [skill] });
      const service = await createService(t.db, { skill, pricingUnit: 'fixed', unitPrice: 100000 });
      const first = await pendingOrder(t.db, {
        clientId: client.id,
        serviceId: service.id,
        zoneId: center.id,
        start: new Date(day.getTime() + 10 * HOUR),
      });
      const second = await pendingOrder(t.db, {
        clientId: client.id,
        serviceId: service.id,
        zoneId: center.id,
        start: new Date(day.getTime() + 12.75 * HOUR),
      });
      return { solo, ids: [first, second] };
    }
    const assigned = async (ids: string[]) =>
      (
        await Promise.all(
          ids.map(
            async (id) =>
              (await t.db.select({ workerId: orders.workerId }).from(orders).where(eq(orders.id, id)))[0].workerId,
          ),
        )
      ).filter(Boolean);

    // A 45-minute gap is at least a 30-minute buffer: the worker takes both.
    await updateSettings(t.db, admin, { matchingTravelBufferMinutes: 30, matchingTravelBufferOtherZoneMinutes: 60 });
    const roomy = await twoOrders('buffer-30');
    expect(await dispatch(t.db, { orderIds: roomy.ids })).toMatchObject({ matched: 2, unmatched: 0 });
    expect(await assigned(roomy.ids)).toEqual([roomy.solo.id, roomy.solo.id]);

    // The same two orders under a 60-minute buffer: the worker may take only one of them.
    await updateSettings(t.db, admin, { matchingTravelBufferMinutes: 60, matchingTravelBufferOtherZoneMinutes: 60 });
    const tight = await twoOrders('buffer-60');
    expect(await dispatch(t.db, { orderIds: tight.ids })).toMatchObject({ matched: 1, unmatched: 1 });
    expect(await assigned(tight.ids)).toEqual([tight.solo.id]);
  });

  // PGlite has one connection, so two saves cannot overlap there; on PostgreSQL the second one waits.
  it.runIf(onPostgres())(
    "a save waits for another admin's save in progress and logs from where that one ended",
    async () => {
      const [first, second] = [await createUser(t.db, 'admin'), await createUser(t.db, 'admin')];
      await updateSettings(t.db, first, { invoiceDueDays: 7 });
      let pending: Promise<Settings> | undefined;
      let done = false;
      await t.db.transaction(async (tx) => {
        // The first admin's save, not committed yet: 7 → 10.
        await updateSettings(tx, first, { invoiceDueDays: 10 });
        pending = updateSettings(t.db, second, { invoiceDueDays: 14 }).then((s) => {
          done = true;
          return s;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(done).toBe(false);
      });
      expect((await pending)?.invoiceDueDays).toBe(14);
      const { items: entries } = await listAudit(t.db, first, { entity: 'settings', limit: 2 });
      // Without the lock the second save would have read 7 and logged 7 → 14.
      expect(entries.map((e) => [e.before, e.after])).toEqual([
        [{ invoiceDueDays: 10 }, { invoiceDueDays: 14 }],
        [{ invoiceDueDays: 7 }, { invoiceDueDays: 10 }],
      ]);
    },
  );
});
