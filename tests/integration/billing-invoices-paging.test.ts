import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { invoices } from '@/db/schema';
import { exportInvoices, INVOICES_CSV_HEADER, listInvoicesAdmin } from '@/lib/finance/invoices';
import { csvStream } from '@/lib/csv';
import { COUNT_CAP } from '@/lib/paging';
import { runJob } from '@/lib/scheduler';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';
import { billingWorld, makeOrder } from '../support/billing-fixtures';

const t = setupTestDb();

describe('the staff invoice list', () => {
  it('pages every invoice by keyset, with the count and the sums of the whole filtered set', async () => {
    const w = await billingWorld(t.db);
    const manager = await createUser(t.db, 'manager');
    // 53 clients with one 1 000 ₽ order each in the week of 2 March 2026: 53 invoices, more than a page (50).
    const tag = `Страничный ${Date.now()}`;
    for (let i = 0; i < 53; i++) {
      const client = await createUser(t.db, 'client', { name: `${tag} ${i}` });
      await makeOrder(t.db, w, { clientId: client.id, price: 100_000, finishedAt: new Date('2026-03-04T10:00:00Z') });
    }
    await runJob(t.db, 'invoices', { period: '2026-03-02', now: new Date('2026-03-09T06:00:00Z') });
    const first = await listInvoicesAdmin(t.db, manager, { q: tag });
    expect(first.items).toHaveLength(50);
    // 53 × 1 000 ₽ = 53 000 ₽ billed and still due, across both pages.
    expect(first).toMatchObject({ total: 53, capped: false, sums: { total: 5_300_000, outstanding: 5_300_000 } });
    const second = await listInvoicesAdmin(t.db, manager, { q: tag, cursor: first.next! });
    expect(second.items).toHaveLength(3);
    expect(second.next).toBeNull();
    const numbers = [...first.items, ...second.items].map((i) => i.number);
    expect(new Set(numbers).size).toBe(53);
    // Without a text search the sums are taken without the client (no join): the same figures, these being the
    // only invoices; and a status filter alone (none is paid) matches none of them.
    expect(await listInvoicesAdmin(t.db, manager, {})).toMatchObject({
      total: 53,
      sums: { total: 5_300_000, outstanding: 5_300_000 },
    });
    expect(await listInvoicesAdmin(t.db, manager, { status: 'paid' })).toMatchObject({
      total: 0,
      sums: { total: 0, outstanding: 0 },
    });

    // The streamed CSV holds the whole filtered set (53 rows, more than the page of 50), in the page's order.
    const bytes = await new Response(
      csvStream(INVOICES_CSV_HEADER, await exportInvoices(t.db, manager, { q: tag, status: 'overdue' })),
    ).arrayBuffer();
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).split('\r\n').slice(0, -1);
    expect(lines[0]).toBe(INVOICES_CSV_HEADER.join(','));
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(numbers);
    // Each: 1 000 ₽ billed in March, past due, nothing paid or credited: all of it outstanding.
    expect(lines[1].split(',').slice(7)).toEqual(['overdue', '1000.00', '0.00', '0.00', '1000.00', 'RUB']);
    const client = await createUser(t.db, 'client');
    await expect(exportInvoices(t.db, client, {})).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('past COUNT_CAP matching invoices says "more than" and hides the sums; at the cap they are exact', async () => {
    const manager = await createUser(t.db, 'manager');
    const client = await createUser(t.db, 'client');
    const tag = `CAP${Date.now()}`;
    // COUNT_CAP invoices numbered <tag>-A-n and one more, <tag>-B-1, each 1,00 ₽ (100 minor units), open, issued a
    // minute apart: written in one set-based insert (the invoicing run's own path would take minutes on PGlite).
    await t.db.execute(sql`
      insert into ${invoices} (number, client_id, period_from, period_to, currency, total, line_count, issued_at, due_date)
      select ${tag} || case when g <= ${COUNT_CAP} then '-A-' || g else '-B-1' end, ${client.id}::uuid,
             '2026-03-02', '2026-03-08', 'RUB', 100, 1,
             timestamptz '2026-03-09 06:00:00+00' + g * interval '1 minute', '2026-03-16'
        from generate_series(1, ${COUNT_CAP + 1}) g`);

    // Exactly COUNT_CAP match: counted, and the sums exact: 10 000 × 100 = 1 000 000 billed, all of it due.
    const atCap = await listInvoicesAdmin(t.db, manager, { q: `${tag}-A-` });
    expect(atCap).toMatchObject({
      total: COUNT_CAP,
      capped: false,
      sums: { total: 1_000_000, outstanding: 1_000_000 },
    });

    // One more matches: "more than COUNT_CAP", no sums, and the page itself is still served, newest issued first.
    const past = await listInvoicesAdmin(t.db, manager, { q: tag });
    expect(past).toMatchObject({ total: COUNT_CAP, capped: true, sums: null });
    expect(past.items).toHaveLength(50);
    expect(past.items[0].number).toBe(`${tag}-B-1`);
    expect(past.items[1].number).toBe(`${tag}-A-${COUNT_CAP}`);
    expect(past.next).not.toBeNull();
  });
});
