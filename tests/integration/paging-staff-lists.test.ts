import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { orders, payrollRuns, payslips, users } from '@/db/schema';
import { addStaffNote, listStaffNotes } from '@/lib/clients';
import { csvStream } from '@/lib/csv';
import {
  exportRunPayslips,
  listAdjustments,
  listPayrollRuns,
  listRunPayslips,
  recordManualAdjustment,
  RUN_PAYSLIPS_CSV_HEADER,
  searchPeople,
} from '@/lib/finance';
import { PAGE_SIZE } from '@/lib/paging';
import { reviewQueue } from '@/lib/quality';
import { setupTestDb } from '../support/db';
import { createService, createUser, createZone } from '../support/factories';
import { walkPages } from '../support/paging';

const t = setupTestDb();
const HOUR = 3_600_000;

describe('keyset paging of the staff lists that were capped', () => {
  it('pages a review queue once while orders fail around the cursor, keeping the zone, service and period', async () => {
    const manager = await createUser(t.db, 'manager');
    const zone = await createZone(t.db);
    const service = await createService(t.db);
    const client = await createUser(t.db, 'client');
    const tag = randomUUID().slice(0, 6);
    const start = Date.UTC(2033, 2, 20, 12);
    let n = 0;
    const order = (at: number, status: 'failed' | 'cancelled') => ({
      number: `BR-2033-${tag}${String(n++).padStart(5, '0')}`,
      clientId: client.id,
      serviceId: service.id,
      zoneId: zone.id,
      status,
      address: 'ул. Очередная, 1',
      contactPhone: '+7 900 000-00-00',
      scheduledStart: new Date(at),
      scheduledEnd: new Date(at + HOUR),
      estimateTotal: 100_000,
      currency: 'RUB',
    });
    // 120 failed and 40 cancelled orders an hour apart; two failed ones share one start (the id breaks the tie).
    const made = await t.db
      .insert(orders)
      .values(
        Array.from({ length: 160 }, (_, i) =>
          order(start - (i === 1 ? 0 : i) * HOUR, i % 4 === 3 ? 'cancelled' : 'failed'),
        ),
      )
      .returning({ id: orders.id, status: orders.status });
    const failed = made.filter((m) => m.status === 'failed').map((m) => m.id);
    const filter = {
      kind: 'failed' as const,
      zoneId: zone.id,
      serviceId: service.id,
      from: new Date(start - 30 * 24 * HOUR),
      to: new Date(start + HOUR),
    };
    const first = await reviewQueue(t.db, manager, filter);
    // The queue's total is its exact count in the period: 160 orders, every fourth cancelled, 120 failed.
    expect(first).toMatchObject({
      total: 120,
      capped: false,
      counts: { failed: { total: 120, capped: false }, cancelled: { total: 40, capped: false } },
    });
    const { pages } = await walkPages({
      page: (cursor) => reviewQueue(t.db, manager, { ...filter, cursor, limit: 25 }),
      id: (o) => o.id,
      before: failed,
      matches: (o) => o.status === 'failed',
      // An order fails ahead of the cursor (newer) and one behind it, between pages; a cancelled one too.
      between: async (_round, last) => {
        const at = last.scheduledStart.getTime();
        await t.db
          .insert(orders)
          .values([
            order(start - HOUR / 2, 'failed'),
            order(at - HOUR / 2, 'failed'),
            order(at - HOUR / 3, 'cancelled'),
          ]);
      },
    });
    // 120 at 25 a page, and more land behind the cursor: at least 5 pages.
    expect(pages).toBeGreaterThanOrEqual(5);
    // Outside the period nothing comes back.
    const later = await reviewQueue(t.db, manager, {
      ...filter,
      from: new Date(start + HOUR),
      to: new Date(start + 2 * HOUR),
    });
    expect(later).toMatchObject({ items: [], total: 0, next: null });
  });

  it('pages payroll runs once while runs are added around the cursor, each with the net of the run before it', async () => {
    const admin = await createUser(t.db, 'admin');
    // 70 monthly runs from 2101-01 on; run i nets 1 000 × (i + 1).
    const period = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}`;
    const made = await t.db
      .insert(payrollRuns)
      .values(
        Array.from({ length: 70 }, (_, i) => ({
          period: period(2101 + Math.floor(i / 12), (i % 12) + 1),
          currency: 'RUB',
          net: 1_000 * (i + 1),
        })),
      )
      .returning({ id: payrollRuns.id, period: payrollRuns.period });
    const first = await listPayrollRuns(t.db, admin, { limit: 10 });
    // Newest first: 2106-10 (i = 69, net 70 000), its previous 2106-09 (69 000); the page's last, i = 60, nets
    // 61 000 and its previous (on the next page) 60 000.
    expect(first.items[0]).toMatchObject({ period: '2106-10', net: 70_000, previousNet: 69_000 });
    expect(first.items.at(-1)).toMatchObject({ net: 61_000, previousNet: 60_000 });
    let extra = 0;
    const { seen } = await walkPages({
      page: (cursor) => listPayrollRuns(t.db, admin, { cursor, limit: 10 }),
      id: (r) => r.id,
      before: made.map((m) => m.id),
      // A later month (ahead of the cursor) and an earlier one (behind it) are run between pages.
      between: async () => {
        extra++;
        await t.db.insert(payrollRuns).values([
          { period: period(2200, extra), currency: 'RUB' },
          { period: period(1900 + extra, 1), currency: 'RUB' },
        ]);
      },
    });
    // The earlier months inserted behind the cursor are met on later pages.
    expect(seen.length).toBeGreaterThan(70);
    const manager = await createUser(t.db, 'manager');
    await expect(listPayrollRuns(t.db, manager)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('pages a run’s payslips by worker once while payslips are added, the name search kept, and exports them all', async () => {
    const admin = await createUser(t.db, 'admin');
    const tag = randomUUID().slice(0, 6);
    const worker = async (name: string) =>
      (
        await t.db
          .insert(users)
          .values({
            email: `w-${randomUUID().slice(0, 8)}@test.local`,
            name,
            role: 'worker',
            phone: '+7 900 000-00-00',
          })
          .returning({ id: users.id })
      )[0].id;
    const [run] = await t.db
      .insert(payrollRuns)
      .values({ period: '2099-05', currency: 'RUB' })
      .returning({ id: payrollRuns.id });
    const slip = (workerId: string, net: number) => ({
      runId: run.id,
      workerId,
      period: '2099-05',
      orderCount: 1,
      earnings: net,
      deductions: 0,
      bonuses: 0,
      net,
    });
    // 90 workers: "Анна" 0…59 and "Борис" 0…29, each a payslip netting 10 000 + i.
    const names = Array.from({ length: 90 }, (_, i) => (i < 60 ? `Анна ${tag} ${i}` : `Борис ${tag} ${i}`));
    const ids: string[] = [];
    for (const name of names) ids.push(await worker(name));
    const made = await t.db
      .insert(payslips)
      .values(ids.map((w, i) => slip(w, 10_000 + i)))
      .returning({ id: payslips.id, workerId: payslips.workerId });
    const all = await listRunPayslips(t.db, admin, run.id);
    expect(all).toMatchObject({ total: 90, capped: false });
    expect(all.items).toHaveLength(PAGE_SIZE);
    const anna = made.slice(0, 60).map((m) => m.id);
    const { seen } = await walkPages({
      page: (cursor) => listRunPayslips(t.db, admin, run.id, { q: `Анна ${tag}`, cursor, limit: 25 }),
      id: (p) => p.id,
      before: anna,
      matches: (p) => p.workerName.startsWith(`Анна ${tag}`),
      // Workers paid late join the run between pages: one sorting before the cursor, one after.
      between: async (round) => {
        for (const name of [`Анна ${tag} 0${round}`, `Анна ${tag} 99${round}`])
          await t.db.insert(payslips).values(slip(await worker(name), 1));
      },
    });
    expect(seen.length).toBeGreaterThan(60);
    // The export holds every payslip of the search, more than one page: 60 + the late ones, plus the header.
    const bytes = await new Response(
      csvStream(RUN_PAYSLIPS_CSV_HEADER, await exportRunPayslips(t.db, admin, run.id, { q: `Анна ${tag}` })),
    ).arrayBuffer();
    const lines = new TextDecoder().decode(bytes).split('\r\n').filter(Boolean);
    const count = await listRunPayslips(t.db, admin, run.id, { q: `Анна ${tag}` });
    expect(lines).toHaveLength(count.total + 1);
    expect(count.total).toBeGreaterThan(PAGE_SIZE);
    // Anna 0 nets 10 000 minor units: 100.00 in the file.
    expect(lines.find((l) => l.startsWith(`Анна ${tag} 0;`) || l.startsWith(`Анна ${tag} 0,`))).toContain('100.00');
    const manager = await createUser(t.db, 'manager');
    await expect(exportRunPayslips(t.db, manager, run.id)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('pages adjustments once while more are recorded around the cursor, keeping the kind and person filters', async () => {
    const admin = await createUser(t.db, 'admin');
    const tag = randomUUID().slice(0, 6);
    const anna = await createUser(t.db, 'worker', { name: `Анна ${tag}` });
    const boris = await createUser(t.db, 'worker', { name: `Борис ${tag}` });
    const record = (subjectId: string, kind: 'fine' | 'bonus') =>
      recordManualAdjustment(t.db, admin, {
        kind,
        subjectId,
        amount: 1_000,
        reason: 'Проверка',
        requestId: randomUUID(),
      });
    // 50 adjustments: Anna's on even i, Boris's on odd; every third a bonus.
    for (let i = 0; i < 50; i++) await record(i % 2 === 0 ? anna.id : boris.id, i % 3 === 0 ? 'bonus' : 'fine');
    const annasFines = (await listAdjustments(t.db, admin, { q: `Анна ${tag}`, kind: 'fine', limit: 100 })).items;
    // Anna: i = 0, 2, …, 48 (25), less the bonuses among them (i divisible by 6: 0, 6, …, 48, 9): 16 fines.
    expect(annasFines).toHaveLength(16);
    const { seen } = await walkPages({
      page: (cursor) => listAdjustments(t.db, admin, { q: `Анна ${tag}`, kind: 'fine', cursor, limit: 5 }),
      id: (a) => a.id,
      before: annasFines.map((a) => a.id),
      matches: (a) => a.kind === 'fine' && a.subjectName === `Анна ${tag}`,
      // More fines and a bonus for Anna are recorded between pages: stamped now, ahead of the cursor.
      between: async () => {
        await record(anna.id, 'fine');
        await record(anna.id, 'bonus');
      },
    });
    expect(seen).toEqual(annasFines.map((a) => a.id));
    const worker = await createUser(t.db, 'worker');
    await expect(listAdjustments(t.db, worker)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('searches the people for an adjustment on the server, a page at a time, by name or email and role', async () => {
    const manager = await createUser(t.db, 'manager');
    const tag = randomUUID().slice(0, 6);
    const made: string[] = [];
    for (let i = 0; i < 30; i++)
      made.push((await createUser(t.db, 'worker', { name: `Пётр ${tag} ${String(i).padStart(2, '0')}` })).id);
    // A client of the same name is never offered for a worker's fine.
    const client = await createUser(t.db, 'client', { name: `Пётр ${tag} клиент` });
    let extra = 0;
    const { seen } = await walkPages({
      page: (cursor) => searchPeople(t.db, manager, { role: 'worker', q: tag, cursor, limit: 7 }),
      id: (p) => p.id,
      before: made,
      matches: (p) => p.name.includes(tag) && p.id !== client.id,
      // New workers join between pages, sorting before and after the cursor.
      between: async () => {
        extra++;
        await createUser(t.db, 'worker', { name: `Пётр ${tag} 00${extra}` });
        await createUser(t.db, 'worker', { name: `Пётр ${tag} 99${extra}` });
      },
    });
    expect(seen.length).toBeGreaterThan(30);
    // By email too (createUser's are role-…@test.local), and the count says how many match.
    const byEmail = await searchPeople(t.db, manager, { role: 'client', q: client.email });
    expect(byEmail).toMatchObject({ items: [{ id: client.id }], total: 1, next: null });
    const worker = await createUser(t.db, 'worker');
    await expect(searchPeople(t.db, worker, { role: 'worker' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('pages a client’s staff notes once while notes are added around the cursor, only that client’s', async () => {
    const manager = await createUser(t.db, 'manager');
    const [client, other] = [await createUser(t.db, 'client'), await createUser(t.db, 'client')];
    const base = Date.UTC(2034, 3, 1, 9);
    const note = async (clientId: string, at: number, body: string) =>
      (await addStaffNote(t.db, manager, { clientId, kind: 'permanent', orderId: '', body }, new Date(at))).id;
    // 45 notes a minute apart on the client, and some on another client that must never show.
    const made: string[] = [];
    for (let i = 0; i < 45; i++) made.push(await note(client.id, base - i * 60_000, `Заметка ${i}`));
    for (let i = 0; i < 5; i++) await note(other.id, base - i * 60_000, `Чужая ${i}`);
    const first = await listStaffNotes(t.db, manager, client.id);
    // 45 notes at 20 a page.
    expect(first).toMatchObject({ total: 45, capped: false });
    expect(first.items).toHaveLength(20);
    let extra = 0;
    const { seen, pages } = await walkPages({
      page: (cursor) => listStaffNotes(t.db, manager, client.id, cursor),
      id: (n) => n.id,
      before: made,
      matches: (n) => n.body.startsWith('Заметка'),
      // A newer note (ahead of the cursor) and an older one (behind it) between pages.
      between: async (_round, last) => {
        await note(client.id, base + 3_600_000, `Заметка новая ${extra++}`);
        await note(client.id, last.createdAt.getTime() - 30_000, `Заметка поздняя ${extra++}`);
      },
    });
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(seen.length).toBeGreaterThan(45);
  });
});
