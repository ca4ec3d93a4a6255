import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cron } from 'croner';
import { callCron, cronsFrom, startScheduler } from '@/scripts/scheduler';

const root = path.resolve(import.meta.dirname, '../..');
const vercelJson: unknown = JSON.parse(readFileSync(path.join(root, 'vercel.json'), 'utf8'));

describe('the self-hosted scheduler', () => {
  it('reads every cron of vercel.json, each an existing route with a maxDuration', () => {
    const crons = cronsFrom(vercelJson);
    expect(crons.map((c) => c.path).sort()).toEqual([
      '/api/cron/charges',
      '/api/cron/invoices',
      '/api/cron/matching',
      '/api/cron/notifications',
      '/api/cron/payroll',
      '/api/cron/plans',
      '/api/cron/reminders',
    ]);
    for (const c of crons) {
      const file = path.join(root, 'app', c.path, 'route.ts');
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, 'utf8'), file).toMatch(/export const maxDuration = \d+;/);
    }
  });

  it('reads the schedules as Vercel does (UTC)', () => {
    const next = (schedule: string, from: string) =>
      new Cron(schedule, { paused: true, timezone: 'UTC' }).nextRun(new Date(from))?.toISOString();
    const byPath = Object.fromEntries(cronsFrom(vercelJson).map((c) => [c.path, c.schedule]));
    // Monday 2026-11-30, hourly; the Sunday before it has none.
    expect(next(byPath['/api/cron/invoices'], '2026-11-29T12:00:00Z')).toBe('2026-11-30T00:00:00.000Z');
    expect(next(byPath['/api/cron/payroll'], '2026-12-01T05:10:00Z')).toBe('2026-12-01T06:00:00.000Z');
    expect(next(byPath['/api/cron/notifications'], '2026-12-01T05:10:30Z')).toBe('2026-12-01T05:11:00.000Z');
    expect(next(byPath['/api/cron/reminders'], '2026-12-01T06:00:00Z')).toBe('2026-12-02T06:00:00.000Z');
  });

  it('refuses a vercel.json with a bad path or schedule', () => {
    expect(() => cronsFrom({ crons: [{ path: '/api/other', schedule: '* * * * *' }] })).toThrow(/Not a cron route/);
    expect(() => cronsFrom({ crons: [{ path: '/api/cron/x', schedule: 'every day' }] })).toThrow();
    expect(() => cronsFrom({})).toThrow(/no crons/);
  });

  it('calls a route with the bearer secret and reports its answer', async () => {
    const seen: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(req.headers.authorization === 'Bearer s3cret' ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ job: 'x', url: req.url }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ok = await callCron(base, 's3cret', '/api/cron/matching');
      expect(ok).toMatchObject({ status: 200, body: { job: 'x', url: '/api/cron/matching' } });
      const refused = await callCron(base, 'wrong', '/api/cron/matching');
      expect(refused.status).toBe(401);
      expect(seen).toEqual(['Bearer s3cret', 'Bearer wrong']);

      // A every-second schedule fires and reports each call.
      const lines: Record<string, unknown>[] = [];
      const stop = startScheduler([{ path: '/api/cron/plans', schedule: '* * * * * *' }], {
        baseUrl: base,
        secret: 's3cret',
        report: (l) => lines.push(l),
      });
      await new Promise((r) => setTimeout(r, 2_200));
      stop();
      expect(lines.filter((l) => l.msg === 'cron call' && l.status === 200).length).toBeGreaterThanOrEqual(1);
    } finally {
      server.close();
    }
    const down = await callCron('http://127.0.0.1:1', 's', '/api/cron/plans', { timeoutMs: 2_000 });
    expect(down.status).toBe(0);
    expect(down.error).toBeTruthy();
  });
});
