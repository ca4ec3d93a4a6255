import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { auditLog, orders, payments } from '@/db/schema';
import { AUDIT_CSV_HEADER, exportAudit, listAudit } from '@/lib/audit';
import { csvStream, type CsvCell } from '@/lib/csv';
import { exportOrders, ORDERS_CSV_HEADER, searchOrders } from '@/lib/orders';
import { exportPayments, listPayments, PAYMENTS_CSV_HEADER } from '@/lib/payments';
import { EXPORT_BATCH, PAGE_SIZE } from '@/lib/paging';
import { setupTestDb } from '../support/db';
import { createService, createUser, createZone } from '../support/factories';

const t = setupTestDb();

const HOUR = 3_600_000;

/** `n` orders in a zone of their own, an hour apart from `start` backwards; every third one cancelled. */
async function ordersInZone(n: number, start = Date.UTC(2032, 5, 1, 12)) {
  const zone = await createZone(t.db);
  const service = await createService(t.db);
  const client = await createUser(t.db, 'client');
  const tag = randomUUID().slice(0, 6);
  const values = Array.from({ length: n }, (_, i) => {
    const at = new Date(start - i * HOUR);
    return {
      number: `BR-2032-${tag}${String(i).padStart(5, '0')}`,
      clientId: client.id,
      serviceId: service.id,
      zoneId: zone.id,
      status: i % 3 === 0 ? ('cancelled' as const) : ('pending' as const),
      address: `ул. Страничная, ${i}`,
      contactPhone: '+7 900 000-00-00',
      scheduledStart: at,
      scheduledEnd: new Date(at.getTime() + HOUR),
      estimateTotal: 100_000 + i,
      currency: 'RUB',
    };
  });
  for (let i = 0; i < values.length; i += 500) await t.db.insert(orders).values(values.slice(i, i + 500));
  return { zone, service, client, tag, numbers: values.map((v) => v.number) };
}

/** Reads a streamed CSV whole and splits it into its lines (none of these cells holds a line break). */
async function readCsv(header: string[], batches: AsyncIterable<CsvCell[][]>): Promise<string[]> {
  const bytes = await new Response(csvStream(header, batches)).arrayBuffer();
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text.slice(1).split('\r\n').slice(0, -1);
}

describe('keyset paging everywhere', () => {
  it('returns every order exactly once across pages while orders are being booked around the cursor', async () => {
    const w = await ordersInZone(130);
    const manager = await createUser(t.db, 'manager');
    const seen: string[] = [];
    let cursor: string | undefined;
    let round = 0;
    do {
      const page = await searchOrders(t.db, manager, { zoneId: w.zone.id, cursor });
      seen.push(...page.items.map((o) => o.number));
      cursor = page.next ?? undefined;
      // Between pages, new bookings land both ahead of the cursor (later starts) and behind it (earlier ones).
      const last = page.items.at(-1)!.scheduledStart.getTime();
      for (const at of [Date.UTC(2032, 6, 1), last - 30 * 60_000]) {
        await t.db.insert(orders).values({
          number: `BR-2032-${w.tag}N${round++}`,
          clientId: w.client.id,
          serviceId: w.service.id,
          zoneId: w.zone.id,
          status: 'pending',
          address: 'ул. Новая, 1',
          contactPhone: '+7 900 000-00-01',
          scheduledStart: new Date(at),
          scheduledEnd: new Date(at + HOUR),
          estimateTotal: 50_000,
          currency: 'RUB',
        });
      }
    } while (cursor);
    // No row twice, and every order that existed before the walk is in it.
    expect(new Set(seen).size).toBe(seen.length);
    expect(w.numbers.filter((n) => !seen.includes(n))).toEqual([]);
    // Rows booked behind the cursor (earlier starts, after the page was read) are met later in the walk.
    expect(seen.filter((n) => n.includes('N')).length).toBeGreaterThan(0);
  });

  it('keeps the filters across pages: every row of every page matches, and the count is of the filtered set', async () => {
    const w = await ordersInZone(160);
    const manager = await createUser(t.db, 'manager');
    // 160 orders, every third cancelled (i = 0, 3, …, 159): 54 cancelled, more than one page of 50.
    const first = await searchOrders(t.db, manager, { zoneId: w.zone.id, status: ['cancelled'] });
    expect(first).toMatchObject({ total: 54, capped: false });
    expect(first.items).toHaveLength(PAGE_SIZE);
    const second = await searchOrders(t.db, manager, { zoneId: w.zone.id, status: ['cancelled'], cursor: first.next! });
    expect(second.items).toHaveLength(4);
    expect(second.next).toBeNull();
    const all = [...first.items, ...second.items];
    expect(all.every((o) => o.status === 'cancelled')).toBe(true);
    expect(new Set(all.map((o) => o.number))).toEqual(new Set(w.numbers.filter((_, i) => i % 3 === 0)));
    // A cursor that is not ours starts again at page 1 rather than failing.
    const garbage = await searchOrders(t.db, manager, { zoneId: w.zone.id, status: ['cancelled'], cursor: 'nonsense' });
    expect(garbage.items[0].number).toBe(first.items[0].number);
  });

  it('pages the audit log with its count while new entries are written', async () => {
    const admin = await createUser(t.db, 'admin');
    const entity = `paging-${randomUUID().slice(0, 8)}`;
    await t.db
      .insert(auditLog)
      .values(
        Array.from({ length: 120 }, (_, i) => ({ action: `test.row`, entity, entityId: String(i), actorRole: null })),
      );
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listAudit(t.db, admin, { entity, cursor });
      if (pages === 0) expect(page).toMatchObject({ total: 120, capped: false });
      seen.push(...page.items.map((e) => e.entityId!));
      cursor = page.next ?? undefined;
      pages++;
      await t.db.insert(auditLog).values({ action: 'test.row', entity, entityId: `new-${pages}` });
    } while (cursor);
    expect(pages).toBe(3);
    // Newest first: 119 … 0, each once; entries written during the walk are newer than it and not in it.
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => String(119 - i)));
  });

  it('streams the whole filtered set of orders as CSV, more rows than an export batch, each once', async () => {
    const w = await ordersInZone(EXPORT_BATCH + 150);
    const manager = await createUser(t.db, 'manager');
    const lines = await readCsv(ORDERS_CSV_HEADER, exportOrders(t.db, manager, { zoneId: w.zone.id }, 'en'));
    expect(lines[0]).toBe(ORDERS_CSV_HEADER.join(','));
    const numbers = lines.slice(1).map((l) => l.split(',')[0]);
    expect(numbers).toHaveLength(EXPORT_BATCH + 150);
    expect(new Set(numbers)).toEqual(new Set(w.numbers));
    // Money in major units, exact: the newest order's estimate is 100 000 minor units = 1000.00.
    expect(lines[1].split(',').slice(-2)).toEqual(['1000.00', 'RUB']);
    // The page's filters apply to the export too: only the cancelled ones (i = 0, 3, …: 384 of 1 150).
    const cancelled = await readCsv(
      ORDERS_CSV_HEADER,
      exportOrders(t.db, manager, { zoneId: w.zone.id, status: ['cancelled'] }, 'ru'),
    );
    expect(cancelled).toHaveLength(1 + Math.ceil((EXPORT_BATCH + 150) / 3));
    expect(cancelled.slice(1).every((l) => l.split(',')[1] === 'cancelled')).toBe(true);
  });

  it('streams the whole audit log and every payment as CSV; exports are for staff, refused before any row', async () => {
    const admin = await createUser(t.db, 'admin');
    const manager = await createUser(t.db, 'manager');
    const client = await createUser(t.db, 'client');
    const entity = `export-${randomUUID().slice(0, 8)}`;
    await t.db.insert(auditLog).values(
      Array.from({ length: EXPORT_BATCH + 20 }, (_, i) => ({
        action: 'test.export',
        entity,
        entityId: String(i),
      })),
    );
    const audit = await readCsv(AUDIT_CSV_HEADER, exportAudit(t.db, admin, { entity }));
    expect(audit).toHaveLength(1 + EXPORT_BATCH + 20);
    const ids = audit.slice(1).map((l) => l.split(',')[7]);
    expect(new Set(ids).size).toBe(EXPORT_BATCH + 20);
    expect([ids[0], ids.at(-1)]).toEqual([String(EXPORT_BATCH + 19), '0']);

    const tag = randomUUID().slice(0, 8);
    await t.db.insert(payments).values(
      Array.from({ length: 75 }, (_, i) => ({
        provider: 'bank_transfer',
        providerRef: `PP-${tag}-${i}`,
        clientId: client.id,
        amount: 10_000 + i,
        appliedAmount: 10_000 + i,
        creditAmount: 0,
        currency: 'RUB',
        receivedAt: new Date(Date.UTC(2032, 0, 1) + i * HOUR),
        entryId: randomUUID(),
      })),
    );
    const page1 = await listPayments(t.db, manager, { q: tag });
    expect(page1).toMatchObject({ total: 75, capped: false });
    const page2 = await listPayments(t.db, manager, { q: tag, cursor: page1.next! });
    expect([...page1.items, ...page2.items].map((p) => p.reference)).toEqual(
      Array.from({ length: 75 }, (_, i) => `PP-${tag}-${74 - i}`),
    );
    const csv = await readCsv(
      PAYMENTS_CSV_HEADER,
      exportPayments(t.db, manager, { q: tag, provider: 'bank_transfer' }),
    );
    expect(csv).toHaveLength(1 + 75);
    // The newest: 10 074 minor units = 100.74.
    expect(csv[1].split(',')[6]).toBe('100.74');

    expect(() => exportOrders(t.db, client, {}, 'ru')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => exportPayments(t.db, client, {})).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(() => exportAudit(t.db, manager, {})).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });
});
