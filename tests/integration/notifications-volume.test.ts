import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { invoices, notificationAttempts, notifications, users } from '@/db/schema';
import { dispatchNotifications, enqueueSelected, resendTransport } from '@/lib/notifications';
import { notifyIssuedInvoices } from '@/lib/finance/invoices';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';
import { startResendStandIn, type ResendEmailBody, type ResendStandIn } from '../support/resend-stand-in';

const t = setupTestDb();

let resend: ResendStandIn;
beforeAll(async () => {
  // A generous limit here: these tests are about batches and refusals; pacing has a test of its own.
  resend = await startResendStandIn({ requestsPerSecond: 50 });
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
    const calls = resend.requests.slice(before).map((c) => ({ ...c, body: c.body as ResendEmailBody[] }));
    // 132 emails = a batch of 100 (answered 429 once, then sent again) and one of 32.
    expect(calls.map((c) => c.body.length)).toEqual([100, 100, 32]);
    // The retry came after the Retry-After second, with the same Idempotency-Key as the limited request.
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(950);
    expect(calls[1].headers['idempotency-key']).toBe(calls[0].headers['idempotency-key']);
    expect(calls[2].headers['idempotency-key']).not.toBe(calls[0].headers['idempotency-key']);
    expect(calls.every((c) => c.headers['x-batch-validation'] === 'permissive')).toBe(true);
    // Every good email went exactly once, as Resend's wire format has it: "Name <address>".
    const sentTo = calls.slice(1).flatMap((c) => c.body.map((e) => (e.to as string[])[0]));
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
    expect(rows.filter((r) => r.status === 'sent' && /^[0-9a-f-]{36}$/.test(r.providerMessageId ?? ''))).toHaveLength(
      130,
    );
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

  it('the Resend stand-in refuses what Resend refuses: over 100 a batch, missing fields, a reused key', async () => {
    const email = (i: number): ResendEmailBody => ({
      from: 'Brigada <noreply@brigada.test>',
      to: [`c${i}@volume.example`],
      subject: `S${i}`,
      html: '<p>x</p>',
    });
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${resend.baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization: 'Bearer re_test', 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as { name?: string; errors?: unknown[] } }));
    const sentBefore = resend.sent.length;
    expect(
      await post(
        '/emails/batch',
        Array.from({ length: 101 }, (_, i) => email(i)),
      ),
    ).toMatchObject({
      status: 422,
      body: { name: 'validation_error' },
    });
    const noSubject = { ...email(1), subject: undefined };
    // Strict (the default): one email without a subject refuses the whole batch.
    expect(await post('/emails/batch', [email(0), noSubject])).toMatchObject({
      status: 422,
      body: { name: 'missing_required_field' },
    });
    // Permissive: the good one goes, the bad one is listed by its index.
    const permissive = await post('/emails/batch', [email(0), noSubject], { 'x-batch-validation': 'permissive' });
    expect(permissive.status).toBe(200);
    expect(permissive.body.errors).toEqual([{ index: 1, message: expect.stringContaining('subject') }]);
    expect(await post('/emails', { ...email(2), html: undefined })).toMatchObject({ status: 422 });
    const key = { 'idempotency-key': `k-${randomUUID()}` };
    expect((await post('/emails', email(3), key)).status).toBe(200);
    expect(await post('/emails', email(4), key)).toMatchObject({
      status: 409,
      body: { name: 'invalid_idempotent_request' },
    });
    // Sent: the permissive batch's good email and the first keyed one.
    expect(resend.sent.length - sentBefore).toBe(2);
  });

  it('Resend transport: a batch over 100 is refused whole; a cut or repeated batch is not sent twice', async () => {
    const transport = resendTransport('re_test', { baseUrl: resend.baseUrl, requestsPerSecond: 50 });
    const mails = Array.from({ length: 101 }, (_, i) => ({
      from: 'Brigada <noreply@brigada.test>',
      to: { email: `r${i}@volume.example`, name: `R ${i}` },
      subject: `S${i}`,
      html: '<p>x</p>',
      text: 'x',
      idempotencyKey: `welcome:${randomUUID()}`,
    }));
    await expect(transport.sendBatch!(mails)).rejects.toThrow(/validation_error/);
    const sentBefore = resend.sent.length;
    const requestsBefore = resend.requests.length;
    // The first try's connection is cut unanswered: tried again after a second, with the same key.
    resend.dropNext(1);
    const first = await transport.sendBatch!(mails.slice(0, 100));
    const tries = resend.requests.slice(requestsBefore);
    expect(tries.map((r) => r.status)).toEqual([0, 200]);
    expect(tries[1].headers['idempotency-key']).toBe(tries[0].headers['idempotency-key']);
    // The same claimed emails again (an expired lease): the same key, Resend answers the first ids, sends none.
    const again = await transport.sendBatch!(mails.slice(0, 100));
    expect(again).toEqual(first);
    expect(first.every((r) => r.ok)).toBe(true);
    expect(resend.sent.length - sentBefore).toBe(100);
  });

  it('paced at the team’s rate limit: every request within it, none answered 429', async () => {
    await t.db.update(notifications).set({ status: 'sent' }).where(eq(notifications.status, 'pending'));
    // Resend's default: 2 requests a second for the whole team; the stand-in refuses a third within a second.
    const limited = await startResendStandIn({ requestsPerSecond: 2 });
    try {
      const keys = await queueWelcomes(450);
      const summary = await dispatchNotifications(t.db, {
        batchSize: 150,
        transport: resendTransport('re_test', { baseUrl: limited.baseUrl, requestsPerSecond: 2 }),
      });
      expect(summary).toMatchObject({ claimed: 450, sent: 450, retrying: 0, dead: 0 });
      // 450 emails claimed 150 at a time: batches of 100 and 50, three times = 6 requests, each answered 200.
      expect(limited.requests.map((r) => [(r.body as unknown[]).length, r.status])).toEqual(
        Array.from({ length: 3 }, () => [
          [100, 200],
          [50, 200],
        ]).flat(),
      );
      expect(limited.sent).toHaveLength(keys.length);
    } finally {
      await limited.close();
    }
  });
});
