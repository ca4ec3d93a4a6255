import { z } from 'zod';

// Every environment variable the app reads, validated once. The README lists them with these defaults.
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** PostgreSQL connection string; without it the app runs on embedded PGlite. */
  DATABASE_URL: z.url().optional(),
  /** Connections in this process's pool (default 10; db/index.ts reads it): 1–2 per serverless function behind a pooler. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).optional(),
  /** 'false' turns off prepared statements (postgres.js `prepare: false`), as a transaction-mode pooler needs. */
  DATABASE_PREPARE: z.enum(['true', 'false']).optional(),
  /** pino level: fatal, error, warn, info, debug, trace or silent (default info; silent under the test runner). */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  /** OTLP endpoint of a trace collector (e.g. http://otel-collector:4318); traces are off without it. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** Where the embedded database lives. */
  PGLITE_DIR: z.string().optional(),
  /** Signs session tokens; a production server refuses to start without one of 32+ characters (startupProblems). */
  AUTH_SECRET: z.string().optional(),
  /**
   * '1' turns on the demo features on a production server (`next start`): the fixed development secret, the
   * open development mailbox and the demo logins seeded into an empty embedded database. `next dev` has them
   * without asking; the test runner and the e2e server set it; nothing else turns them on.
   */
  BRIGADA_DEMO: z.enum(['0', '1']).optional(),
  /** With the demo on: 'large' seeds six months of the demo company's history on first start (default 'small'). */
  BRIGADA_DEMO_SIZE: z.enum(['small', 'large']).optional(),
  /** The large demo's history in days (default 182) and its share of the clients and bookings (default 1). */
  BRIGADA_DEMO_DAYS: z.coerce.number().int().min(7).max(366).optional(),
  BRIGADA_DEMO_SCALE: z.coerce.number().min(0.01).max(1).optional(),
  /**
   * How many proxies in front of the app append to X-Forwarded-For (Vercel: 1; nginx: 1; a load balancer
   * plus nginx: 2). The client's address for sign-in throttling is read that many entries from the right.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  /** Client sign-ups allowed from one address per hour. */
  SIGNUP_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(20),
  /** The first admin's email: on a non-demo server with no admin yet, startup prints a link to set its password. */
  ADMIN_EMAIL: z.email().optional(),
  /** Public base URL, used in links inside emails. */
  APP_URL: z.url().default('http://localhost:3000'),
  CRON_SECRET: z.string().min(8).optional(),
  RESEND_API_KEY: z.string().optional(),
  /** The team's Resend rate limit when raised above the default 2 requests a second. */
  RESEND_REQUESTS_PER_SECOND: z.coerce.number().positive().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Чистый дом <noreply@brigada.local>'),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** Points the Stripe SDK at another host (the local stand-in in tests), e.g. http://127.0.0.1:12111. */
  STRIPE_API_BASE: z.url().optional(),
  /** YooKassa (API v3): the shop id and secret key for Basic authentication; both set turns the adapter on. */
  YOOKASSA_SHOP_ID: z.string().optional(),
  YOOKASSA_SECRET_KEY: z.string().optional(),
  /** YooKassa's API root (default https://api.yookassa.ru/v3); tests point it at the local stand-in. */
  YOOKASSA_API_BASE: z.url().optional(),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  // An empty variable (DATABASE_URL=) means unset.
  const present = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}

/** Secrets shorter than this are refused on a production server. */
export const MIN_SECRET_LENGTH = 32;

/**
 * The demo features are on under `next dev` and wherever BRIGADA_DEMO=1 is set (the e2e server, the test runner),
 * and nowhere else: a server started with NODE_ENV=test or any other value stays closed.
 */
export function isDemo(e: Pick<Env, 'NODE_ENV' | 'BRIGADA_DEMO'>): boolean {
  return e.NODE_ENV === 'development' || e.BRIGADA_DEMO === '1';
}

export function demoMode(): boolean {
  return isDemo(env());
}

/**
 * Why a production server must not start with this environment, one line each (empty: it may). Without
 * BRIGADA_DEMO=1 it needs its own AUTH_SECRET; any AUTH_SECRET or CRON_SECRET it is given must be long enough.
 */
export function startupProblems(e: Env): string[] {
  if (e.NODE_ENV === 'development') return [];
  const problems: string[] = [];
  if (!e.AUTH_SECRET && !isDemo(e))
    problems.push(
      `AUTH_SECRET is not set: a production server needs a random secret of ${MIN_SECRET_LENGTH}+ characters`,
    );
  if (e.AUTH_SECRET && e.AUTH_SECRET.length < MIN_SECRET_LENGTH)
    problems.push(`AUTH_SECRET is shorter than ${MIN_SECRET_LENGTH} characters`);
  if (e.CRON_SECRET && e.CRON_SECRET.length < MIN_SECRET_LENGTH)
    problems.push(`CRON_SECRET is shorter than ${MIN_SECRET_LENGTH} characters`);
  return problems;
}

/** AUTH_SECRET, or the fixed development secret in demo mode only (startupProblems stops a server without either). */
export function authSecret(): string {
  const { AUTH_SECRET } = env();
  if (AUTH_SECRET) return AUTH_SECRET;
  if (!demoMode())
    throw new Error('AUTH_SECRET is not set: a production server needs a random secret of 32+ characters');
  return 'brigada-development-secret-not-for-production';
}
