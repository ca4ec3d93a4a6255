import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { invoices, notificationAttempts, notifications, users } from '@/db/schema';
import { dispatchNotifications, enqueueSelected, resendTransport } from '@/lib/notifications';
import { notifyIssuedInvoices } from '@/lib/finance/invoices';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';

const t = setupTestDb();

/**
 * A stand-in for Resend's batch endpoint: POST /emails/batch with a JSON array of emails, answered
 * `{ data: [{ id }] }` (with `errors: [{ index, message }]` under x-batch-validation: permissive). After
 * `limitNext(n)` the next n requests are answered 429 with Retry-After, as Resend does past its rate limit; an
 * address at refused.example is refused per email.
 */
async function startResendStandIn() {
  const requests: { at: number; headers: IncomingMessage['headers']; body: { to: string[]; subject: string }[] }[] = [];
  let limited = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string[]; subject: string }[];
      requests.push({ at: Date.now(), headers: req.headers, body });
      res.setHeader('content-type', 'application/json');
      if (req.method !== 'POST' || req.url !== '/emails/batch' || req.headers.authorization !== 'Bearer re_test') {
        res.statusCode = 404;
        res.end(JSON.stringify({ statusCode: 404, name: 'not_found', message: 'Not found' }));
        return;
      }
      if (limited > 0) {
        limited--;
        res.statusCode = 429;
        res.setHeader('retry-after', '1');
        res.setHeader('ratelimit-remaining', '0');
        res.end(
          JSON.stringify({ statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests. Slow down.' }),
        );
        return;
      }
      const errors: { index: number; message: string }[] = [];
      const data: { id: string }[] = [];
      body.forEach((email, index) => {
        if (email.to.some((to) => to.includes('@refused.example')))
          errors.push({ index, message: 'The `to` field is not a deliverable address.' });
        else data.push({ id: `re_${randomUUID()}` });
      });
      res.end(JSON.stringify(req.headers['x-batch-validation'] === 'permissive' ? { data, errors } : { data }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    limitNext(n: number) {
      limited = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let resend: Awaited<ReturnType<typeof startResendStandIn>>;
beforeAll(async () => {
  resend = await startResendStandIn();
});
afterAll(async () => {
  await resend.close();
});

/** Queued welcome emails for `n` new clients (one set-based statement), returning the keys used. */
async function queueWelcomes(n: number, domain = 'volume.example'): Promise<string[]> {
  const tag = randomUUID().slice(0, 8);
  const people = await t.db
    .insert(users)
    .values(
      Array.from({ length: n }, (_, i) => ({
        email: `${tag}-${i}@${domain}`,
        name: `Клиент ${i}`,
        role: 'client' as const,
      })),
    )
    .returning({ id: users.id });
  const ids = JSON.stringify(people.map((p) => p.id));
  await enqueueSelected(
    t.db,
    'welcome',
    sql`select id as user_id, '{}'::jsonb as data, 'welcome:' || id as idempotency_key
          from users where id in (select value::uuid from jsonb_array_elements_text(${ids}::jsonb))`,
  );
  return people.map((p) => `welcome:${p.id}`);
}

describe('email at volume', () => {
  it('queues invoice emails set-based, once: a repeated or overlapping batch enqueue adds nothing', async () => {
    const a = await createUser(t.db, 'client', { locale: 'en' });
    const b = await createUser(t.db, 'client');
    const off = await createUser(t.db, 'client');
    await t.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, off.id));
    const tag = randomUUID().slice(0, 6);
    const made = await t.db
      .insert(invoices)
      .values(
        [a, b, off].map((c, i) => ({
          number: `INV-V-${tag}-${i}`,
          clientId: c.id,
          periodFrom: '2031-03-03',
          periodTo: '2031-03-09',
          currency: 'RUB',
          total: 250_000,
          // The second client has 1 000.00 of it paid from credit: 2 500.00 − 1 000.00 = 1 500.00 still due.
          paidAmount: i === 1 ? 100_000 : 0,
          lineCount: 2,
          issuedAt: new Date('2031-03-10T06:00:00Z'),
          dueDate: '2031-03-17',
        })),
      )
      .returning({ id: invoices.id, clientId: invoices.clientId });
    const handled = await t.db.transaction((tx) => notifyIssuedInvoices(tx, 1_000));
    expect(handled).toBeGreaterThanOrEqual(3);
    // Again: every invoice is announced already, nothing is handled or queued.
    expect(await t.db.transaction((tx) => notifyIssuedInvoices(tx, 1_000))).toBe(0);
    const keys = made.map((m) => `invoice_issued:${m.id}`);
    const queued = await t.db
      .select({ key: notifications.idempotencyKey, userId: notifications.userId, data: notifications.data })
      .from(notifications)
      .where(inArray(notifications.idempotencyKey, keys));
    // The disabled client gets none; the others one each.
    expect(queued.map((q) => q.userId).sort()).toEqual([a.id, b.id].sort());
    expect(queued.find((q) => q.userId === b.id)?.data).toMatchObject({
      total: 250_000,
      outstanding: 150_000,
      currency: 'RUB',
      periodFrom: '2031-03-03',
      dueDate: '2031-03-17',
    });
    // The same set queued again straight through enqueueSelected (a retried chunk) adds no row.
    const ids = JSON.stringify(made.map((m) => m.id));
    const again = await enqueueSelected(
      t.db,
      'invoice_issued',
      sql`select client_id as user_id, '{}'::jsonb as data, 'invoice_issued:' || id as idempotency_key
            from invoices where id in (select value::uuid from jsonb_array_elements_text(${ids}::jsonb))`,
    );
    expect(again).toBe(0);
    const [{ n }] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(notifications)
      .where(inArray(notifications.idempotencyKey, keys));
    expect(n).toBe(2);
  });

  it('a batch with one email that cannot be rendered sends the others; that one goes dead with its reason', async () => {
    await t.db.update(notifications).set({ status: 'sent' }).where(eq(notifications.status, 'pending'));
    const keys = await queueWelcomes(4);
    // One email whose data no longer fits its kind's template.
    const client = await createUser(t.db, 'client');
    const broken = `invoice_issued:broken-${randomUUID()}`;
    await enqueueSelected(
      t.db,
      'invoice_issued',
      sql`select ${client.id}::uuid as user_id, '{"number": 42}'::jsonb as data, ${broken}::text as idempotency_key`,
    );
    const summary = await dispatchNotifications(t.db, {
      transport: resendTransport('re_test', { baseUrl: resend.baseUrl, requestsPerSecond: 50 }),
    });
    expect(summary).toMatchObject({ claimed: 5, sent: 4, dead: 1, retrying: 0 });
    const rows = await t.db
      .select({ key: notifications.idempotencyKey, status: notifications.status, error: notifications.lastError })
      .from(notifications)
      .where(inArray(notifications.idempotencyKey, [...keys, broken]));
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(4);
    const dead = rows.find((r) => r.key === broken)!;
    expect(dead.status).toBe('dead');
    expect(dead.error).toMatch(/invoiceId|number|expected/i);
  });

  it('sends through Resend’s batch endpoint: ≤ 100 per request, waits out a 429, per-email refusals retry', async () => {
    await t.db.update(notifications).set({ status: 'sent' }).where(eq(notifications.status, 'pending'));
    const before = resend.requests.length;
    resend.limitNext(1);
    const good = await queueWelcomes(130);
    const refused = await queueWelcomes(2, 'refused.example');
    const summary = await dispatchNotifications(t.db, {
      batchSize: 150,
      transport: resendTransport('re_test', { baseUrl: resend.baseUrl, requestsPerSecond: 50 }),
    });
    // 132 claimed in one round: 130 delivered; the 2 refused addresses fail alone and wait for their retry.
    expect(summary).toMatchObject({ claimed: 132, sent: 130, retrying: 2, dead: 0 });
    const calls = resend.requests.slice(before);
    // 132 emails = a batch of 100 (answered 429 once, then sent again) and one of 32.
    expect(calls.map((c) => c.body.length)).toEqual([100, 100, 32]);
    // The retry came after the Retry-After second, with the same Idempotency-Key as the limited request.
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(950);
    expect(calls[1].headers['idempotency-key']).toBe(calls[0].headers['idempotency-key']);
    expect(calls[2].headers['idempotency-key']).not.toBe(calls[0].headers['idempotency-key']);
    expect(calls.every((c) => c.headers['x-batch-validation'] === 'permissive')).toBe(true);
    // Every good email went exactly once, as Resend's wire format has it: "Name <address>".
    const sentTo = calls.slice(1).flatMap((c) => c.body.map((e) => e.to[0]));
    expect(new Set(sentTo).size).toBe(132);
    const rows = await t.db
      .select({
        key: notifications.idempotencyKey,
        status: notifications.status,
        providerMessageId: notifications.providerMessageId,
        error: notifications.lastError,
      })
      .from(notifications)
      .where(inArray(notifications.idempotencyKey, [...good, ...refused]));
    expect(rows.filter((r) => r.status === 'sent' && r.providerMessageId?.startsWith('re_'))).toHaveLength(130);
    const waiting = rows.filter((r) => refused.includes(r.key));
    expect(waiting.map((r) => r.status)).toEqual(['pending', 'pending']);
    expect(waiting[0].error).toMatch(/not a deliverable address/);
    // One attempt row per email, the transport named.
    const [{ n }] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(notificationAttempts)
      .innerJoin(notifications, eq(notifications.id, notificationAttempts.notificationId))
      .where(inArray(notifications.idempotencyKey, [...good, ...refused]));
    expect(n).toBe(132);
  });
});
