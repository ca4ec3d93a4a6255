import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD, demo, expectAccessible, field } from './helpers';

// The large demo as a newcomer starts it: the same production build, on an empty embedded database of its own,
// with BRIGADA_DEMO_SIZE=large seeding the company's history at the first start (here six weeks at a tenth of the
// clients and bookings, the same code path as the six months). The suite's own server keeps the small demo, which
// every other spec relies on, so this spec starts a second server and stops it at the end.
test.describe.configure({ mode: 'serial' });

let server: ChildProcess | undefined;
let dataDir = '';
let origin = '';
const log: string[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
  });
}

test.beforeAll(async () => {
  // Seeding six weeks of the company through the modules takes a while on a loaded machine.
  test.setTimeout(420_000);
  dataDir = mkdtempSync(path.join(tmpdir(), 'brigada-e2e-large-'));
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PGLITE_DIR: path.join(dataDir, 'pglite'),
      DATABASE_URL: '',
      APP_URL: origin,
      BRIGADA_DEMO: '1',
      BRIGADA_DEMO_SIZE: 'large',
      BRIGADA_DEMO_DAYS: '42',
      BRIGADA_DEMO_SCALE: '0.1',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  });
  server.stdout?.on('data', (b: Buffer) => log.push(b.toString()));
  server.stderr?.on('data', (b: Buffer) => log.push(b.toString()));
  const deadline = Date.now() + 400_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the large-demo server exited:\n${log.join('')}`);
    const up = await fetch(`${origin}/login`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`the large-demo server did not start:\n${log.join('')}`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
});

test.afterAll(() => {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("the large demo's analysis and worker performance pages tell a story", async ({ page }) => {
  await page.goto(`${origin}/login`);
  await field(page, 'Email', 'Email').fill(demo.admin);
  await field(page, 'Пароль', 'Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^(Войти|Sign in)$/ }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  // The seed printed its progress as it went (the first start says what it is doing).
  expect(log.join('')).toMatch(/\[demo\]/);

  // The default period (the last 30 days) of six weeks of history: orders, with cancellations among them.
  await page.goto(`${origin}/admin/quality/analysis`);
  const totals = page.getByTestId('analysis-totals');
  const figure = async (n: number) => Number((await totals.locator('p.text-lg').nth(n).innerText()).split(' ')[0]);
  expect(await figure(0)).toBeGreaterThan(50);
  expect(await figure(2)).toBeGreaterThan(0);
  // The chart draws a bar for each group (reasons by default), and the table lists them.
  const chart = page.getByTestId('breakdown-chart');
  await expect(chart).toBeVisible();
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  expect(await page.getByTestId('analysis-table').locator('tbody tr').count()).toBeGreaterThan(1);
  await expectAccessible(page);

  // By worker: the 25 workers of the large demo, each a bar.
  await page.goto(`${origin}/admin/quality/analysis?dim=worker`);
  expect(await page.getByTestId('analysis-table').locator('tbody tr').count()).toBeGreaterThan(10);
  await expect(page.getByTestId('breakdown-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();

  // Worker performance: a row per worker who worked in the period (the large demo's crew of 25, plus the small
  // demo's four) and the team's row, with completed visits on the team's row.
  await page.goto(`${origin}/admin/quality/workers`);
  const rows = page.getByTestId('performance-table').locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(20);
  expect(Number(await rows.last().locator('td').nth(1).innerText())).toBeGreaterThan(50);
  await expectAccessible(page);
});
