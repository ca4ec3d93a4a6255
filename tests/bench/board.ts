// `npm run bench -- board [--workers 60] [--drags 60]`: the schedule board on PostgreSQL (a database created for
// the run on BENCH_DATABASE_URL and dropped at the end). A company of 60 workers with 2,000 orders in one week
// (1,680 assigned: four jobs a day each, every day; 320 pending in the evenings). Printed:
//  1. the week view's data load (lib/board getBoard: lanes, free time, days off, blocks, tray, version);
//  2. a drag-and-drop assignment's round trip through the board's use case (moveOnBoard → matching's manual
//     assignment: eligibility read, worker lock, the order transition with the exclusion constraint, and every
//     same-transaction subscriber: pricing and ledger, workers, supplies, the emails' outbox rows);
//  3. a reassignment the same way.
import '@/lib/composition';
import { randomUUID } from 'node:crypto';
import type { Db } from '@/db';
import {
  orders,
  services,
  users,
  workerProfiles,
  workerSchedules,
  workerSkills,
  workerZones,
  zones,
} from '@/db/schema';
import type { Actor } from '@/lib/actor';
import { getBoard, moveOnBoard } from '@/lib/board';
import { installOrderReactions } from '@/lib/orders';
import { orderReactions } from '@/lib/orders/effects';
import { addDays, fromWallTime, mondayOf, parseDateString, toDateString } from '@/lib/time';
import { arg, fmt, timed, withBenchDatabase } from './support';

const TZ = 'Europe/Moscow';
/** Each worker's day: four two-hour jobs with half an hour between them; the evening stays free. */
const SLOTS = ['08:00', '10:30', '13:00', '15:30'];
const EVENING = '18:30';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

async function company(db: Db, workers: number) {
  const zoneRows = await db
    .insert(zones)
    .values(
      Array.from({ length: 6 }, (_, i) => ({
        code: `z${i}`,
        nameRu: `Район ${i}`,
        nameEn: `District ${i}`,
        lat: 55.65 + (i % 3) * 0.08,
        lng: 37.45 + Math.floor(i / 3) * 0.15,
      })),
    )
    .returning({ id: zones.id });
  const [service] = await db
    .insert(services)
    .values({
      code: 'regular',
      nameRu: 'Уборка',
      nameEn: 'Cleaning',
      skill: 'cleaning',
      pricingUnit: 'fixed',
      unitPrice: 300_000,
      minPrice: 0,
      baseMinutes: 120,
      minutesPerUnitX100: 0,
    })
    .returning({ id: services.id });
  const people = await db
    .insert(users)
    .values([
      ...Array.from({ length: workers }, (_, i) => ({
        email: `w${i}-${randomUUID().slice(0, 6)}@bench`,
        name: `Worker ${String(i).padStart(2, '0')}`,
        role: 'worker' as const,
        passwordHash: 'x',
      })),
      ...Array.from({ length: 200 }, (_, i) => ({
        email: `c${i}-${randomUUID().slice(0, 6)}@bench`,
        name: `Client ${i}`,
        role: 'client' as const,
        passwordHash: 'x',
      })),
      { email: `m-${randomUUID().slice(0, 6)}@bench`, name: 'Manager', role: 'manager' as const, passwordHash: 'x' },
    ])
    .returning({ id: users.id, role: users.role });
  const workerIds = people.filter((p) => p.role === 'worker').map((p) => p.id);
  const clientIds = people.filter((p) => p.role === 'client').map((p) => p.id);
  const managerId = people.find((p) => p.role === 'manager')!.id;
  await db
    .insert(workerProfiles)
    .values(workerIds.map((id, i) => ({ userId: id, homeZoneId: zoneRows[i % zoneRows.length].id })));
  await db.insert(workerSkills).values(workerIds.map((id) => ({ workerId: id, skill: 'cleaning' })));
  await db.insert(workerZones).values(workerIds.flatMap((id) => zoneRows.map((z) => ({ workerId: id, zoneId: z.id }))));
  await db
    .insert(workerSchedules)
    .values(
      workerIds.flatMap((id) =>
        [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ workerId: id, weekday, fromTime: '08:00', toTime: '20:00' })),
      ),
    );
  return { zones: zoneRows.map((z) => z.id), serviceId: service.id, workerIds, clientIds, managerId };
}

export async function benchBoard(args: string[]): Promise<void> {
  // Matching after a commit would run against the app's own database; the board's moves need none.
  installOrderReactions({ ...orderReactions(), matchSoon: () => {} });
  const workers = arg(args, 'workers', 60);
  const drags = arg(args, 'drags', 60);
  await withBenchDatabase('board', args, async ({ db }) => {
    const c = await company(db, workers);
    const now = new Date();
    const monday = mondayOf(addDays(toDateString(now, TZ), 7));
    const at = (date: string, hhmm: string) => {
      const [hour, minute] = hhmm.split(':').map(Number);
      return fromWallTime({ ...parseDateString(date), hour, minute }, TZ);
    };
    const rows: (typeof orders.$inferInsert)[] = [];
    let n = 0;
    const order = (date: string, hhmm: string, minutes: number, workerId: string | null) => {
      const start = at(date, hhmm);
      rows.push({
        number: `B-${String(++n).padStart(6, '0')}`,
        clientId: c.clientIds[n % c.clientIds.length],
        serviceId: c.serviceId,
        zoneId: c.zones[n % c.zones.length],
        status: workerId ? 'assigned' : 'pending',
        workerId,
        address: 'ул. Тестовая, 1',
        contactPhone: '+7 900 000-00-00',
        scheduledStart: start,
        scheduledEnd: new Date(start.getTime() + minutes * 60_000),
        estimateTotal: 300_000,
        priceTotal: workerId ? 300_000 : null,
        currency: 'RUB',
        bookedAt: now,
      });
    };
    for (let d = 0; d < 7; d++)
      for (const w of c.workerIds) for (const slot of SLOTS) order(addDays(monday, d), slot, 120, w);
    const pendingFrom = rows.length;
    while (rows.length < 2000) order(addDays(monday, (rows.length - pendingFrom) % 7), EVENING, 90, null);
    const ids: string[] = [];
    for (let k = 0; k < rows.length; k += 500)
      ids.push(
        ...(
          await db
            .insert(orders)
            .values(rows.slice(k, k + 500))
            .returning({ id: orders.id })
        ).map((r) => r.id),
      );
    const pendingIds = ids.slice(pendingFrom);
    console.log(
      `${workers} workers, ${rows.length} orders in the week of ${monday} (${pendingFrom} assigned, ${pendingIds.length} pending)`,
    );
    const manager: Actor = { id: c.managerId, role: 'manager', name: 'Manager', email: 'm@bench', locale: 'en' };

    // 1. The week view's data.
    for (let i = 0; i < 2; i++) await getBoard(db, manager, { view: 'week', date: monday }, now);
    const loads: number[] = [];
    let blocks = 0;
    let tray = 0;
    // This process's CPU time too: on a shared, loaded machine the wall clock mostly measures the queue.
    const cpu = process.cpuUsage();
    for (let i = 0; i < 10; i++) {
      const { ms, value } = await timed(() => getBoard(db, manager, { view: 'week', date: monday }, now));
      loads.push(ms);
      blocks = value.blocks.length;
      tray = value.tray.length;
    }
    const loadCpu = process.cpuUsage(cpu);
    console.log(
      `week view load (${workers} lanes, ${blocks} blocks, ${tray} in the tray): median ${fmt(median(loads))}, p95 ${fmt(p95(loads))} (goal ≤ 300 ms); app CPU ${fmt((loadCpu.user + loadCpu.system) / 1000 / 10)} per load`,
    );

    // 2. Drag a pending evening order onto a worker free that evening: pending order i is on day i % 7, and
    //    worker ⌊i / 7⌋ takes it, so no worker gets two on one evening.
    const count = Math.min(drags, pendingIds.length, workers * 7);
    const assigns: number[] = [];
    const cpuAssign = process.cpuUsage();
    for (let i = 0; i < count; i++) {
      const workerId = c.workerIds[Math.floor(i / 7) % workers];
      const { ms } = await timed(() => moveOnBoard(db, manager, { orderId: pendingIds[i], workerId }, now));
      assigns.push(ms);
    }
    const assignCpu = process.cpuUsage(cpuAssign);
    console.log(
      `drag-assign round trip (${count} drops): median ${fmt(median(assigns))}, p95 ${fmt(p95(assigns))} (goal ≤ 150 ms median); app CPU ${fmt((assignCpu.user + assignCpu.system) / 1000 / count)} per drop`,
    );

    // 3. Drag the same orders on to the next worker (whose evening on that day is still free).
    const reassigns: number[] = [];
    const again = Math.min(count, 20);
    for (let i = 0; i < again; i++) {
      const workerId = c.workerIds[(Math.floor(count / 7) + 1 + Math.floor(i / 7)) % workers];
      const { ms } = await timed(() => moveOnBoard(db, manager, { orderId: pendingIds[i], workerId }, now));
      reassigns.push(ms);
    }
    console.log(
      `drag-reassign round trip (${again} drops): median ${fmt(median(reassigns))}, p95 ${fmt(p95(reassigns))}`,
    );
  });
}
