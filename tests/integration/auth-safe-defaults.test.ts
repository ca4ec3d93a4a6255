import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { connectPglite, rows } from '@/db/connect';
import { users } from '@/db/schema';
import { announceFirstAdmin, bootstrapFirstAdmin } from '@/lib/auth/bootstrap';
import { getPasswordReset, resetPassword } from '@/lib/auth/password-reset';
import { verifyLogin } from '@/lib/auth';
import { onPostgres, setupTestDb } from '../support/db';

const t = setupTestDb();
const root = path.resolve(import.meta.dirname, '../..');
const secret32 = 'a-production-secret-of-32-chars!';

/** A fresh process's environment: only what runs node, plus these variables. */
function bareEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR'];
  const envVars = Object.fromEntries(keep.filter((k) => process.env[k]).map((k) => [k, process.env[k]!]));
  return { ...envVars, NODE_ENV: 'production', TZ: 'UTC', ...vars };
}

/** Starts the server's start hook in a fresh process, as `next start` would, with only this environment. */
function start(vars: Record<string, string>) {
  const r = spawnSync('npx', ['tsx', '--conditions', 'react-server', 'tests/support/startup-probe.ts'], {
    cwd: root,
    env: bareEnv({ NEXT_RUNTIME: 'nodejs', ...vars }),
    encoding: 'utf8',
    timeout: 120_000,
  });
  const json = r.stdout.split('\n').find((l) => l.startsWith('{'));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, probe: json ? JSON.parse(json) : null };
}

async function usersIn(dir: string) {
  const conn = await connectPglite(dir);
  try {
    return (await conn.db.select({ email: users.email, role: users.role }).from(users)).map((u) => u.email).sort();
  } finally {
    await conn.close();
  }
}

describe('a production server starts safe', () => {
  it('refuses to start without AUTH_SECRET, with one line naming it', () => {
    const r = start({});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Brigada refuses to start: AUTH_SECRET is not set');
    expect(r.probe).toBeNull();
  });

  it('NODE_ENV=test is no back door: such a server is closed like any other', () => {
    const r = start({ NODE_ENV: 'test' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Brigada refuses to start: AUTH_SECRET is not set');
  });

  it('db:seed refuses to add the demo logins without BRIGADA_DEMO=1, and writes nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brigada-seed-'));
    try {
      const r = spawnSync('npx', ['tsx', '--conditions', 'react-server', 'lib/demo/seed-cli.ts'], {
        cwd: root,
        env: bareEnv({ PGLITE_DIR: dir }),
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('BRIGADA_DEMO=1 npm run db:seed');
      const conn = await connectPglite(dir);
      try {
        // Nothing was migrated or seeded: the refusal comes before the database is opened.
        const [tables] = await rows<{ n: number }>(
          conn.db,
          sql`select count(*)::int as n from information_schema.tables where table_name = 'users'`,
        );
        expect(tables.n).toBe(0);
      } finally {
        await conn.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);

  it('refuses to start with a CRON_SECRET shorter than 32 characters', () => {
    const r = start({ AUTH_SECRET: secret32, CRON_SECRET: 'e2e-cron-secret' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('CRON_SECRET is shorter than 32 characters');
  });

  it('on the embedded database without BRIGADA_DEMO: no mailbox, its own secret, no demo logins; ADMIN_EMAIL gets a set-password link', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brigada-safe-'));
    try {
      const r = start({ AUTH_SECRET: secret32, PGLITE_DIR: dir, ADMIN_EMAIL: 'owner@company.test' });
      expect(r.code, r.stderr).toBe(0);
      expect(r.probe).toEqual({ demo: false, mailbox: false, secret: 'own' });
      expect(r.stdout).toMatch(
        /first admin owner@company\.test: set the password at http:\/\/localhost:3000\/reset-password\/\S+/,
      );
      expect(await usersIn(dir)).toEqual(['owner@company.test']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // A fresh process migrates a new embedded database before it answers: as long as its spawn may take.
  }, 120_000);

  it('with BRIGADA_DEMO=1 (the e2e server): the mailbox, the development secret and the demo logins', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brigada-demo-'));
    try {
      const r = start({ BRIGADA_DEMO: '1', PGLITE_DIR: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(r.probe).toEqual({ demo: true, mailbox: true, secret: 'development' });
      expect(await usersIn(dir)).toContain('admin@brigada.local');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('the first admin', () => {
  it.skipIf(!onPostgres())('two processes starting at once create one admin (needs PostgreSQL)', async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, () => bootstrapFirstAdmin(t.db, { email: 'owner@company.test' })),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await t.db.$count(users, eq(users.role, 'admin'))).toBe(1);
    // Leave the database without an admin again for the next test (the link row goes with the user).
    await t.db.delete(users).where(eq(users.role, 'admin'));
  });

  it('gets an account and a single-use link that sets the password; later starts create nothing', async () => {
    const lines: string[] = [];
    const line = await announceFirstAdmin(t.db, {
      adminEmail: 'Owner@Company.test',
      appUrl: 'https://brigada.example.com',
      log: (l) => lines.push(l),
    });
    expect(lines).toEqual([line]);
    const token = /\/reset-password\/(\S+) /.exec(line!)![1];
    expect(await getPasswordReset(t.db, token)).toEqual({ email: 'owner@company.test' });
    await resetPassword(t.db, { token, password: 'new passphrase 2026' });
    expect(
      await verifyLogin(t.db, { email: 'owner@company.test', password: 'new passphrase 2026' }, '127.0.0.1'),
    ).toMatchObject({ role: 'admin' });
    // An admin exists now: nothing more is created or logged.
    expect(
      await announceFirstAdmin(t.db, { adminEmail: 'other@company.test', appUrl: 'x', log: (l) => lines.push(l) }),
    ).toBeNull();
    expect(await t.db.$count(users, eq(users.role, 'admin'))).toBe(1);
  });
});
