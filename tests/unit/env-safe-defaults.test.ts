import { describe, expect, it } from 'vitest';
import { isDemo, startupProblems, type Env } from '@/lib/env';

const base: Env = {
  NODE_ENV: 'production',
  APP_URL: 'https://brigada.example.com',
  MAIL_FROM: 'Чистый дом <noreply@brigada.local>',
  TRUSTED_PROXY_HOPS: 1,
  SIGNUP_LIMIT_PER_HOUR: 20,
};
const secret32 = 'x'.repeat(32);

describe('demo features are on only when asked for', () => {
  it('next dev has them; any other server only with BRIGADA_DEMO=1', () => {
    expect(isDemo({ NODE_ENV: 'development' })).toBe(true);
    // `NODE_ENV=test next start` is a production server too: it must not open the mailbox or the dev secret.
    expect(isDemo({ NODE_ENV: 'test' })).toBe(false);
    expect(isDemo({ NODE_ENV: 'test', BRIGADA_DEMO: '1' })).toBe(true);
    expect(isDemo({ NODE_ENV: 'production' })).toBe(false);
    expect(isDemo({ NODE_ENV: 'production', BRIGADA_DEMO: '0' })).toBe(false);
    expect(isDemo({ NODE_ENV: 'production', BRIGADA_DEMO: '1' })).toBe(true);
  });
});

describe('startupProblems: what stops a production server', () => {
  it('no AUTH_SECRET outside demo mode, on either database', () => {
    expect(startupProblems(base)).toEqual([expect.stringContaining('AUTH_SECRET is not set')]);
    expect(startupProblems({ ...base, DATABASE_URL: 'postgres://db/brigada' })).toHaveLength(1);
    expect(startupProblems({ ...base, AUTH_SECRET: secret32 })).toEqual([]);
  });

  it('a secret shorter than 32 characters, even in demo mode', () => {
    expect(startupProblems({ ...base, AUTH_SECRET: 'x'.repeat(31) })).toEqual([
      'AUTH_SECRET is shorter than 32 characters',
    ]);
    expect(startupProblems({ ...base, AUTH_SECRET: secret32, CRON_SECRET: 'x'.repeat(31) })).toEqual([
      'CRON_SECRET is shorter than 32 characters',
    ]);
    expect(startupProblems({ ...base, BRIGADA_DEMO: '1', CRON_SECRET: 'short-cron-secret' })).toEqual([
      'CRON_SECRET is shorter than 32 characters',
    ]);
  });

  it('the demo server may use the development secret; only development is never stopped', () => {
    expect(startupProblems({ ...base, BRIGADA_DEMO: '1' })).toEqual([]);
    expect(startupProblems({ ...base, NODE_ENV: 'development' })).toEqual([]);
    expect(startupProblems({ ...base, NODE_ENV: 'test', CRON_SECRET: 'short' })).toEqual([
      expect.stringContaining('AUTH_SECRET is not set'),
      'CRON_SECRET is shorter than 32 characters',
    ]);
  });
});
