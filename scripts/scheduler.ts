// The scheduler for self-hosting (compose.yaml's `scheduler` service): calls each `/api/cron/*` route on the
// schedule vercel.json gives it, as Vercel Cron does, with `Authorization: Bearer $CRON_SECRET`. vercel.json stays
// the one list of crons. Schedules are in UTC, as on Vercel. A call still running when its next time comes is
// skipped (croner's `protect`), and the routes themselves are safe to call twice (lib/scheduler).
//
//   SCHEDULER_BASE_URL=http://app:3000 CRON_SECRET=… npx tsx scripts/scheduler.ts
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Cron } from 'croner';

export type CronEntry = { path: string; schedule: string };

/** The crons of a vercel.json, checked: each path is an /api/cron/ route and each schedule a valid pattern. */
export function cronsFrom(vercelJson: unknown): CronEntry[] {
  const crons = (vercelJson as { crons?: unknown }).crons;
  if (!Array.isArray(crons) || crons.length === 0) throw new Error('vercel.json has no crons');
  return crons.map((c: unknown) => {
    const { path: p, schedule } = (c ?? {}) as Partial<CronEntry>;
    if (typeof p !== 'string' || !p.startsWith('/api/cron/')) throw new Error(`Not a cron route: ${String(p)}`);
    if (typeof schedule !== 'string') throw new Error(`No schedule for ${p}`);
    // Throws on a pattern croner cannot read.
    new Cron(schedule, { paused: true, timezone: 'UTC' }).stop();
    return { path: p, schedule };
  });
}

export type CallResult = { path: string; status: number; durationMs: number; body?: unknown; error?: string };

/** One call of a cron route; never throws (the next tick tries again). */
export async function callCron(
  baseUrl: string,
  secret: string,
  cronPath: string,
  opts: { timeoutMs?: number } = {},
): Promise<CallResult> {
  const started = Date.now();
  try {
    const response = await fetch(new URL(cronPath, baseUrl), {
      headers: { authorization: `Bearer ${secret}` },
      // A route stops itself after ~45 s (lib/scheduler's budget); give it that and the platform's margin.
      signal: AbortSignal.timeout(opts.timeoutMs ?? 120_000),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { path: cronPath, status: response.status, durationMs: Date.now() - started, body };
  } catch (error) {
    return {
      path: cronPath,
      status: 0,
      durationMs: Date.now() - started,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

/** Starts a croner job per cron; returns a function that stops them all. */
export function startScheduler(
  crons: CronEntry[],
  opts: { baseUrl: string; secret: string; report?: (line: Record<string, unknown>) => void },
): () => void {
  const report = opts.report ?? ((line) => console.log(JSON.stringify({ time: new Date().toISOString(), ...line })));
  const jobs = crons.map(
    (c) =>
      new Cron(c.schedule, { timezone: 'UTC', protect: true, name: c.path }, async () => {
        const result = await callCron(opts.baseUrl, opts.secret, c.path);
        const ok = result.status >= 200 && result.status < 300;
        report({ level: ok ? 'info' : 'error', msg: 'cron call', schedule: c.schedule, ...result });
      }),
  );
  for (const job of jobs)
    report({ level: 'info', msg: 'cron scheduled', path: job.name, next: job.nextRun()?.toISOString() ?? null });
  return () => {
    for (const job of jobs) job.stop();
  };
}

function main(): void {
  const baseUrl = process.env.SCHEDULER_BASE_URL ?? 'http://127.0.0.1:3000';
  const secret = process.env.CRON_SECRET;
  if (!secret) {
    console.error('scheduler: CRON_SECRET is not set (the cron routes refuse every call without it)');
    process.exit(1);
  }
  const file = process.env.SCHEDULER_VERCEL_JSON ?? path.join(process.cwd(), 'vercel.json');
  const crons = cronsFrom(JSON.parse(readFileSync(file, 'utf8')));
  const stop = startScheduler(crons, { baseUrl, secret });
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      stop();
      process.exit(0);
    });
}

// Run when started as a script, not when a test imports it.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
