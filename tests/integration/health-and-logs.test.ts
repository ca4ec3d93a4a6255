import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { connectPglite, connectPostgres } from '@/db/connect';
import type { Db } from '@/db';
import journal from '@/db/migrations/meta/_journal.json';
import { healthHandler, type Readiness } from '@/lib/health';
import { createLogger, log, noteActor, observeRoute, setLogger } from '@/lib/log';
import { dispatchNotifications, enqueue, mailboxTransport } from '@/lib/notifications';
import { runJob } from '@/lib/scheduler';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';

const t = setupTestDb();

type Body = Readiness & { status: string };

async function get(handler: ReturnType<typeof healthHandler>, url: string): Promise<{ status: number; body: Body }> {
  const response = await handler(new Request(url));
  return { status: response.status, body: (await response.json()) as Body };
}

describe('GET /api/health', () => {
  it('answers liveness without touching the database', async () => {
    let opened = 0;
    const handler = healthHandler(async () => {
      opened++;
      throw new Error('must not be called');
    });
    const { status, body } = await get(handler, 'http://app/api/health');
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok' });
    expect(opened).toBe(0);
  });

  it('is ready on a migrated database and reports the outbox and the jobs', async () => {
    const handler = healthHandler(async () => t.db);
    const before = await get(handler, 'http://app/api/health?ready=1');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      status: 'ready',
      ready: true,
      database: 'ok',
      migrations: { expected: journal.entries.length, applied: journal.entries.length, upToDate: true },
      outbox: { waiting: 0, oldestWaitingSeconds: null },
    });
    expect(before.body.migrations?.latest).toBe(journal.entries.at(-1)?.tag);
    expect(before.body.jobs).toMatchObject({
      invoices: { lastSuccessSecondsAgo: null },
      payroll: { lastSuccessSecondsAgo: null },
    });

    // An email waiting for 10 minutes and a reminders run that succeeded.
    const client = await createUser(t.db, 'client');
    const id = await enqueue(t.db, { userId: client.id }, 'welcome', {});
    await t.db.execute(sql`UPDATE notifications SET created_at = now() - interval '10 minutes' WHERE id = ${id}`);
    const { outcome } = await runJob(t.db, 'reminders', {});
    expect(outcome).toBe('completed');

    const after = await get(handler, 'http://app/api/health?ready=1');
    expect(after.status).toBe(200);
    expect(after.body.outbox?.waiting).toBe(1);
    expect(after.body.outbox?.oldestWaitingSeconds).toBeGreaterThanOrEqual(600);
    expect(after.body.outbox?.oldestWaitingSeconds).toBeLessThan(700);
    expect(after.body.jobs?.reminders?.lastSuccessSecondsAgo).toBeGreaterThanOrEqual(0);
    expect(after.body.jobs?.reminders?.lastSuccessSecondsAgo).toBeLessThan(60);
    // No personal data in the answer.
    expect(JSON.stringify(after.body)).not.toContain(client.email);
  });

  it('is not ready (503) when the database cannot be reached', async () => {
    // Nothing listens on port 1: the connection is refused.
    const down = await connectPostgres('postgres://postgres@127.0.0.1:1/brigada_down', 1);
    try {
      const { status, body } = await get(
        healthHandler(async () => down.db),
        'http://app/api/health?ready=1',
      );
      expect(status).toBe(503);
      expect(body).toEqual({
        status: 'not_ready',
        ready: false,
        database: 'unreachable',
        migrations: null,
        outbox: null,
        jobs: null,
      });
    } finally {
      await down.close();
    }
  });

  it('is not ready (503) before the migrations ran', async () => {
    const empty = await connectPglite(undefined);
    try {
      const { status, body } = await get(
        healthHandler(async () => empty.db),
        'http://app/api/health?ready=1',
      );
      expect(status).toBe(503);
      expect(body).toMatchObject({
        ready: false,
        database: 'ok',
        migrations: { expected: journal.entries.length, applied: 0, latest: null, upToDate: false },
      });
    } finally {
      await empty.close();
    }
  }, 120_000);
});

describe('request logs', () => {
  const lines: Record<string, unknown>[] = [];
  let previous: ReturnType<typeof setLogger>;
  beforeAll(() => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
          lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    previous = setLogger(createLogger(sink, { level: 'info' }));
  });
  afterAll(() => {
    setLogger(previous);
  });

  it('carry the request id, route, status, duration and actor, and never the user’s email or name', async () => {
    const user = await createUser(t.db, 'client', { name: 'Зинаида Логова' });
    await enqueue(t.db, { userId: user.id }, 'welcome', {});
    const requestId = 'req-test-0123456789';
    // A route that resolves its actor and sends the user's email, as the cron and the pages do.
    const route = observeRoute('/api/test/[id]', async (request: Request, db: Db) => {
      noteActor(user);
      // Even a careless log call with the actor object must not leak: redaction drops email and name.
      log().info({ actor: user, email: user.email }, 'careless');
      const summary = await dispatchNotifications(db, { transport: mailboxTransport });
      return Response.json(summary, { status: 200, headers: { 'x-path': new URL(request.url).pathname } });
    });
    const response = await route(
      new Request(`http://app/api/test/${user.id}?email=${encodeURIComponent(user.email)}`, {
        headers: { 'x-request-id': requestId, authorization: 'Bearer secret-token-value' },
      }),
      t.db,
    );
    expect(response.status).toBe(200);

    const mine = lines.filter((l) => l.requestId === requestId);
    const handled = mine.find((l) => l.msg === 'handled');
    expect(handled).toMatchObject({
      level: 'info',
      route: '/api/test/[id]',
      method: 'GET',
      status: 200,
      actorId: user.id,
      role: 'client',
      service: 'brigada',
    });
    expect(typeof handled?.durationMs).toBe('number');
    const emailChunk = mine.find((l) => l.msg === 'email chunk');
    // This user's welcome email and the one the readiness test left waiting.
    expect(emailChunk).toMatchObject({
      claimed: 2,
      sent: 2,
      kinds: ['welcome'],
      actorId: user.id,
      route: '/api/test/[id]',
    });

    const everything = lines.map((l) => JSON.stringify(l)).join('\n');
    expect(everything).not.toContain(user.email);
    expect(everything).not.toContain('Зинаида');
    expect(everything).not.toContain('secret-token-value');
  });

  it('make up a request id when none (or a malformed one) was given', async () => {
    const route = observeRoute('/api/test', async () => new Response(null, { status: 204 }));
    await route(new Request('http://app/api/test', { headers: { 'x-request-id': 'bad id {"forged":1}' } }));
    const handled = lines.filter((l) => l.route === '/api/test' && l.msg === 'handled').at(-1);
    expect(handled?.status).toBe(204);
    expect(handled?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(lines)).not.toContain('forged');
  });
});
