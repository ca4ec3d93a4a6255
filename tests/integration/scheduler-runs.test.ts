import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { rows } from '@/db/connect';
import { jobRuns } from '@/db/schema';
import { cronHandler, registerJobs, runJob, type JobDef } from '@/lib/scheduler';
import { onPostgres, setupTestDb } from '../support/db';

process.env.CRON_SECRET = 'test-cron-secret-123';

const t = setupTestDb();

/** A job that "processes" 25 numbered items, 10 per chunk, by state (not by cursor), logging each once. */
const countingJob: JobDef = {
  name: 'test_counting',
  periodKind: 'day',
  defaultPeriod: () => '2026-11-25',
  validPeriod: (p) => /^\d{4}-\d{2}-\d{2}$/.test(p),
  chunk: async (tx, ctx) => {
    const done = await rows<{ n: number }>(
      tx,
      sql`insert into sched_test_log (period, n)
          select ${ctx.period}, n from generate_series(1, 25) n
          where not exists (select 1 from sched_test_log l where l.period = ${ctx.period} and l.n = n.n)
          order by n limit 10
          returning n`,
    );
    return { done: done.length < 10, cursor: { last: done.at(-1)?.n ?? null }, counts: { items: done.length } };
  },
};

const failingOnce = { failed: false };
const flakyJob: JobDef = {
  ...countingJob,
  name: 'test_flaky',
  chunk: async (tx, ctx) => {
    const result = await countingJob.chunk(tx, ctx);
    // The second chunk dies once, after writing: its writes must roll back with it.
    if (
      !failingOnce.failed &&
      (await rows<{ c: number }>(tx, sql`select count(*)::int c from sched_test_log where period = ${ctx.period}`))[0]
        .c === 20
    ) {
      failingOnce.failed = true;
      throw new Error('boom');
    }
    return result;
  },
};

beforeAll(async () => {
  registerJobs(countingJob, flakyJob);
  await t.db.execute(sql`create table sched_test_log (period text not null, n int not null, primary key (period, n))`);
});

async function logged(period: string) {
  return rows<{ n: number }>(t.db, sql`select n from sched_test_log where period = ${period} order by n`);
}

describe('cron route', () => {
  const handler = cronHandler('test_counting', async () => t.db);

  it('answers 401 without the secret and runs nothing', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer wrong-secret-xyz' },
      { authorization: 'test-cron-secret-123' },
    ]) {
      const res = await handler(new Request('http://x/api/cron/test?period=2026-01-01', { headers }));
      expect(res.status).toBe(401);
    }
    expect(await t.db.$count(jobRuns, eq(jobRuns.period, '2026-01-01'))).toBe(0);
    expect(await logged('2026-01-01')).toHaveLength(0);
  });

  it('runs with the secret; the same period again reports the first run', async () => {
    const auth = { authorization: 'Bearer test-cron-secret-123' };
    const first = await handler(new Request('http://x/api/cron/test?period=2026-01-02', { headers: auth }));
    expect(first.status).toBe(200);
    const a = await first.json();
    expect(a).toMatchObject({ outcome: 'completed', status: 'succeeded', counts: { items: 25 }, chunks: 3 });
    const second = await handler(new Request('http://x/api/cron/test?period=2026-01-02', { headers: auth }));
    const b = await second.json();
    expect(b).toMatchObject({ outcome: 'already_done', counts: { items: 25 }, startedAt: a.startedAt });
    expect(await logged('2026-01-02')).toHaveLength(25);
    expect(await t.db.$count(jobRuns, eq(jobRuns.period, '2026-01-02'))).toBe(1);
  });

  it('refuses a malformed period with 422', async () => {
    const res = await handler(
      new Request('http://x/api/cron/test?period=nonsense', {
        headers: { authorization: 'Bearer test-cron-secret-123' },
      }),
    );
    expect(res.status).toBe(422);
  });
});

describe('runJob', () => {
  it('two calls at once: exactly one runs, the other reports it', async () => {
    const results = await Promise.all([
      runJob(t.db, 'test_counting', { period: '2026-02-01' }),
      runJob(t.db, 'test_counting', { period: '2026-02-01' }),
    ]);
    const outcomes = results.map((r) => r.outcome).sort();
    expect(outcomes.filter((o) => o === 'completed')).toHaveLength(1);
    expect(['already_done', 'in_progress']).toContain(outcomes.find((o) => o !== 'completed'));
    expect(await logged('2026-02-01')).toHaveLength(25);
    expect(await t.db.$count(jobRuns, eq(jobRuns.period, '2026-02-01'))).toBe(1);
  });

  it.runIf(onPostgres())('five concurrent calls on separate connections: one run', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => runJob(t.db, 'test_counting', { period: '2026-02-02' })),
    );
    expect(results.filter((r) => r.outcome === 'completed')).toHaveLength(1);
    expect(await logged('2026-02-02')).toHaveLength(25);
  });

  it('a cut-off run (time budget) resumes where it stopped and ends like an uninterrupted one', async () => {
    const cut = await runJob(t.db, 'test_counting', { period: '2026-03-01', budgetMs: 0 });
    expect(cut.outcome).toBe('partial');
    expect(cut.run).toMatchObject({ status: 'partial', chunks: 1, counts: { items: 10 } });
    const resumed = await runJob(t.db, 'test_counting', { period: '2026-03-01' });
    expect(resumed.outcome).toBe('completed');
    expect(resumed.run).toMatchObject({ status: 'succeeded', counts: { items: 25 }, attempts: 2 });
    expect(await logged('2026-03-01')).toEqual(await logged('2026-01-02'));
  });

  it('a crashed run (stale heartbeat) is taken over; a fresh one is left alone', async () => {
    await runJob(t.db, 'test_counting', { period: '2026-03-02', budgetMs: 0 });
    // As if the process died mid-run: status still 'running', heartbeat fresh → nobody else may take it.
    await t.db.update(jobRuns).set({ status: 'running' }).where(eq(jobRuns.period, '2026-03-02'));
    expect((await runJob(t.db, 'test_counting', { period: '2026-03-02' })).outcome).toBe('in_progress');
    await t.db
      .update(jobRuns)
      .set({ heartbeatAt: new Date(Date.now() - 3_600_000) })
      .where(eq(jobRuns.period, '2026-03-02'));
    const resumed = await runJob(t.db, 'test_counting', { period: '2026-03-02' });
    expect(resumed.outcome).toBe('completed');
    expect(resumed.run.counts).toEqual({ items: 25 });
    expect(await logged('2026-03-02')).toHaveLength(25);
  });

  it('a failing chunk rolls back, records the error, and the next call finishes the job exactly once', async () => {
    const failed = await runJob(t.db, 'test_flaky', { period: '2026-04-01' });
    expect(failed.outcome).toBe('failed');
    expect(failed.run).toMatchObject({ status: 'failed', error: 'boom', counts: { items: 10 } });
    expect(await logged('2026-04-01')).toHaveLength(10);
    const retried = await runJob(t.db, 'test_flaky', { period: '2026-04-01' });
    expect(retried.run).toMatchObject({ status: 'succeeded', counts: { items: 25 }, error: null });
    expect(await logged('2026-04-01')).toHaveLength(25);
  });
});
