import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { payrollRuns } from '@/db/schema';
import { recordAdjustmentTx } from '@/lib/finance/adjustments';
import { approvePayrollRun, listRunPayslips, renderPayslipPdf, type PayslipPdfOptions } from '@/lib/finance/payroll';
import { toHttp } from '@/lib/errors';
import { runJob } from '@/lib/scheduler';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';
import { billingWorld, makeOrder } from '../support/billing-fixtures';
import { pdfText, piecesOf } from '../support/pdf-text';

const t = setupTestDb();

const ru: PayslipPdfOptions = {
  locale: 'ru',
  timeZone: 'Europe/Moscow',
  company: ['Чистый дом', 'ООО «Чистый дом», ИНН 7701234567'],
  labels: {
    title: (period) => `Расчётный листок за ${period}`,
    worker: 'Исполнитель',
    period: 'Период',
    status: 'Статус',
    statuses: { draft: 'Черновик', approved: 'Утверждена', paid: 'Выплачена' },
    date: 'Дата',
    kind: 'Вид',
    details: 'Основание',
    amount: 'Сумма',
    lineKinds: { order: 'Заказ', fine: 'Штраф', supply_charge: 'Расходники', bonus: 'Премия', tip: 'Чаевые' },
    earnings: 'Начислено',
    deductions: 'Штрафы и расходники',
    bonuses: 'Премии',
    tips: 'Чаевые',
    net: 'К выплате',
    page: (page, pages) => `Стр. ${page} из ${pages}`,
  },
};

/** The PDF's text with the no-break spaces of money made ordinary. */
const flat = (lines: string[]) => lines.join('\n').replace(/\u00a0/g, ' ');

describe('payslip PDF', () => {
  it('prints the worker, the month, every line and the net pay; only for that worker or an admin', async () => {
    const w = await billingWorld(t.db);
    const admin = await createUser(t.db, 'admin');
    const manager = await createUser(t.db, 'manager');
    const client = await createUser(t.db, 'client');
    const anna = await createUser(t.db, 'worker', { name: 'Анна Смирнова', locale: 'ru' });
    const olga = await createUser(t.db, 'worker', { name: 'Ольга' });
    const inOct = new Date('2026-10-10T10:00:00Z');
    await makeOrder(t.db, w, { clientId: client.id, workerId: anna.id, pay: 150_000, finishedAt: inOct });
    await makeOrder(t.db, w, { clientId: client.id, workerId: olga.id, pay: 60_000, finishedAt: inOct });
    const lateReason =
      'Опоздание на 40 минут к клиенту на Ленинском проспекте, дом 30, корпус 2, без предупреждения менеджера и клиента';
    await t.db.transaction((tx) =>
      recordAdjustmentTx(tx, {
        kind: 'fine',
        subjectId: anna.id,
        amount: 15_000,
        reason: lateReason,
        key: 'f1',
        at: inOct,
      }),
    );
    await t.db.transaction((tx) =>
      recordAdjustmentTx(tx, {
        kind: 'bonus',
        subjectId: anna.id,
        amount: 10_000,
        reason: 'Отзыв',
        key: 'b1',
        at: inOct,
      }),
    );
    await runJob(t.db, 'payroll', { period: '2026-10', now: new Date('2026-11-01T03:00:00Z') });
    const [run] = await t.db.select({ id: payrollRuns.id }).from(payrollRuns).where(eq(payrollRuns.period, '2026-10'));
    const slips = await listRunPayslips(t.db, admin, run.id);
    const annaSlip = slips.items.find((p) => p.workerId === anna.id)!;

    // A draft is the admin's only; its worker gets NotFound (404) until the run is approved.
    await expect(renderPayslipPdf(t.db, anna, annaSlip.id, ru)).rejects.toMatchObject({ code: 'not_found' });
    await renderPayslipPdf(t.db, admin, annaSlip.id, ru);
    await approvePayrollRun(t.db, admin, run.id);

    const { filename, pdf } = await renderPayslipPdf(t.db, anna, annaSlip.id, ru);
    expect(filename).toBe('payslip-2026-10');
    const { pages, items, title } = await pdfText(pdf);
    expect(title).toBe('Расчётный листок за 2026-10');
    expect(pages).toHaveLength(1);
    const text = flat(pages[0]);
    expect(text).toContain('Исполнитель | Анна Смирнова');
    expect(text).toContain('Период | октябрь 2026 г.');
    expect(text).toContain('Статус | Утверждена');
    // Anna: 1 500,00 ₽ for the order − 150,00 ₽ fine + 100,00 ₽ bonus = 1 450,00 ₽ net.
    expect(text).toContain('Начислено | 1 500,00 ₽');
    expect(text).toContain('Штрафы и расходники | −150,00 ₽');
    expect(text).toContain('Премии | 100,00 ₽');
    expect(text).toContain('К выплате | 1 450,00 ₽');
    // The fine's long reason wraps inside its column, every word whole.
    expect(piecesOf(items[0], lateReason)?.length).toBeGreaterThan(1);
    expect(pages[0].at(-1)).toBe('Стр. 1 из 1');

    // Another worker, or a manager, gets nothing: 404 and 403 at the edge.
    const asOlga = await renderPayslipPdf(t.db, olga, annaSlip.id, ru).catch((e: unknown) => e);
    expect(asOlga).toMatchObject({ code: 'not_found' });
    expect(toHttp(asOlga).status).toBe(404);
    const asManager = await renderPayslipPdf(t.db, manager, annaSlip.id, ru).catch((e: unknown) => e);
    expect(toHttp(asManager).status).toBe(403);
    // An admin prints any worker's payslip.
    const olgaSlip = slips.items.find((p) => p.workerId === olga.id)!;
    const asAdmin = await pdfText((await renderPayslipPdf(t.db, admin, olgaSlip.id, ru)).pdf);
    // Olga: 600,00 ₽ for one order, nothing deducted.
    expect(flat(asAdmin.pages[0])).toContain('К выплате | 600,00 ₽');
  });
});
