import { z } from 'zod';

// Every environment variable the app reads, validated once. The README lists them with these defaults.
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  /** PostgreSQL connection string; without it the app runs on embedded PGlite. */
  DATABASE_URL: z.url().optional(),
  /** Where the embedded database lives. */
  PGLITE_DIR: z.string().optional(),
  AUTH_SECRET: z.string().min(16).optional(),
  /** Public base URL, used in links inside emails. */
  APP_URL: z.url().default('http://localhost:3000'),
  CRON_SECRET: z.string().min(8).optional(),
  RESEND_API_KEY: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Чистый дом <noreply@brigada.local>'),
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  /** Points the Stripe SDK at another host (the local stand-in in tests), e.g. http://127.0.0.1:12111. */
  STRIPE_API_BASE: z.url().optional(),
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

/**
 * AUTH_SECRET is required for a production server on PostgreSQL. Development, tests and the local demo on
 * the embedded database fall back to a fixed secret, so a fresh clone runs with no setup.
 */
export function authSecret(): string {
  const { AUTH_SECRET, NODE_ENV, DATABASE_URL } = env();
  if (AUTH_SECRET) return AUTH_SECRET;
  if (NODE_ENV === 'production' && DATABASE_URL) throw new Error('AUTH_SECRET must be set in production');
  return 'brigada-development-secret-not-for-production';
}
