import { defineConfig, devices } from '@playwright/test';
import { tmpdir } from 'node:os';
import path from 'node:path';

// One fresh embedded database per run; the config is evaluated in every worker, so fix it once.
process.env.E2E_DATA_DIR ??= path.join(tmpdir(), `brigada-e2e-${Date.now()}`, 'pglite');
const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;
// The Stripe stand-in (tests/support/stripe-stand-in.ts) the app pays invoices through (billing specs).
const stripePort = Number(process.env.E2E_STRIPE_PORT ?? port + 1000);
const stripeWebhookSecret = 'whsec_e2e_brigada';
/** The secret the server takes on /api/cron/* (specs call a job as the scheduler would). */
export const cronSecret = process.env.CRON_SECRET ?? 'e2e-cron-secret-of-at-least-32-chars';

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/**
 * Specs that change or read what belongs to the whole demo company rather than to users of their own: the demo
 * client's invoices, cards and refunds, the payroll runs and the jobs that make them, the seeded quality failure,
 * the demo workers' finished visits and earnings. They run one at a time, in file order, as the whole suite did
 * before it ran on two workers (billing-flows before payments-autocharge, ru-formatting's payroll job after
 * billing-flows approves last month's run). Every other spec signs up its own clients and reads only what it made,
 * so it runs beside them.
 */
const companyState = [
  'billing-flows',
  'finance-history',
  'payments-autocharge',
  'payments-refund',
  'payslip-pdf',
  'phone-booking',
  'quality-review',
  'ru-formatting',
  'tips',
].map((name) => `${name}.spec.ts`);
/**
 * Run after all the others: the settings spec changes how matching works for everybody, and the order desk's paging
 * counts every order of the company (a booking another spec makes meanwhile changes its total). The two may run
 * beside each other: the settings spec books nothing, and paging asserts nothing about who was matched.
 */
const alone = ['paging.spec.ts', 'settings.spec.ts'];

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  // Next start on embedded PGlite plus Chromium: two workers keep both cores busy (more only queue on the server).
  workers: Number(process.env.E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL,
    locale: 'ru-RU',
    trace: 'retain-on-failure',
    launchOptions: chromium,
  },
  projects: [
    // Listed first so that its next file is taken whenever its one worker is free; the other takes the rest.
    {
      name: 'company',
      testMatch: companyState,
      workers: 1,
      use: { ...devices['Desktop Chrome'], launchOptions: chromium },
    },
    {
      name: 'own-users',
      testIgnore: [...companyState, ...alone],
      use: { ...devices['Desktop Chrome'], launchOptions: chromium },
    },
    {
      name: 'alone',
      testMatch: alone,
      dependencies: ['company', 'own-users'],
      use: { ...devices['Desktop Chrome'], launchOptions: chromium },
    },
  ],
  webServer: [
    {
      // `npm run test:e2e` builds first; this serves the production build on the embedded database.
      command: `npx next start -p ${port} -H 127.0.0.1`,
      url: `${baseURL}/login`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: {
        PGLITE_DIR: process.env.E2E_DATA_DIR,
        APP_URL: baseURL,
        CRON_SECRET: cronSecret,
        // The demo features (development mailbox, demo logins, development secret) on a production build.
        BRIGADA_DEMO: '1',
        // Every spec signs up its own clients from 127.0.0.1: far more than a real address does in an hour.
        SIGNUP_LIMIT_PER_HOUR: '1000',
        NEXT_TELEMETRY_DISABLED: '1',
        DATABASE_URL: '',
        STRIPE_SECRET_KEY: 'sk_test_e2e',
        STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
        STRIPE_API_BASE: `http://127.0.0.1:${stripePort}`,
      },
    },
    {
      command: 'npx tsx tests/support/stripe-stand-in.ts',
      url: `http://127.0.0.1:${stripePort}/health`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: {
        STRIPE_STAND_IN_PORT: String(stripePort),
        STRIPE_WEBHOOK_SECRET: stripeWebhookSecret,
        STRIPE_STAND_IN_WEBHOOK_URL: `${baseURL}/api/webhooks/payments`,
      },
    },
  ],
});
