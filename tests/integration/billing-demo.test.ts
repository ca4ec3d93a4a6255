import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { seedIfEmpty } from '@/lib/demo';
import { invoiceLines, invoices, payrollRuns, payslips, users } from '@/db/schema';
import { setupTestDb } from '../support/db';

const t = setupTestDb();

describe('billing demo data', () => {
  it("gives the demo client last week's open invoice and last month a draft payroll run", async () => {
    await seedIfEmpty(t.db);
    const [client] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, 'client@brigada.local'));
    const list = await t.db
      .select({ id: invoices.id, total: invoices.total, status: invoices.status, lineCount: invoices.lineCount })
      .from(invoices)
      .where(eq(invoices.clientId, client.id));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ status: 'open' });
    expect(list[0].total).toBeGreaterThan(0);
    const lines = await t.db
      .select({ amount: invoiceLines.amount })
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, list[0].id));
    expect(lines.reduce((s, l) => s + l.amount, 0)).toBe(list[0].total);
    const runs = await t.db
      .select({ id: payrollRuns.id, status: payrollRuns.status, net: payrollRuns.net })
      .from(payrollRuns);
    expect(runs).toHaveLength(1);
    expect(runs[0].status).toBe('draft');
    expect(await t.db.$count(payslips, eq(payslips.runId, runs[0].id))).toBeGreaterThan(0);
  });
});
