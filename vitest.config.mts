import { defineConfig } from 'vitest/config';
import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Integration files that set process.env must run isolated: lib/env, the payment clients and the mail transport
 * cache what they read on first use. Every other integration file shares its worker's module graph with the files
 * before it (`isolate: false`), so the product's wiring is imported once per worker, not once per file.
 */
const integrationDir = path.join(import.meta.dirname, 'tests/integration');
const setsEnv = readdirSync(integrationDir)
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) =>
    /process\.env\.[A-Z_]+\s*=[^=]|delete process\.env/.test(readFileSync(path.join(integrationDir, f), 'utf8')),
  )
  .map((f) => `tests/integration/${f}`);

export default defineConfig({
  resolve: {
    alias: {
      '@': import.meta.dirname,
      // `server-only` throws outside a React server bundle; tests are server code.
      'server-only': path.resolve(import.meta.dirname, 'tests/support/server-only-stub.ts'),
    },
  },
  test: {
    exclude: ['tests/e2e/**', 'node_modules/**'],
    pool: 'forks',
    // next-auth imports 'next/server' without an extension, which only a bundler resolves.
    server: { deps: { inline: ['next-auth', '@auth/core'] } },
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The test runner is a demo environment: the development secret and the dev mailbox are on.
    env: { TZ: 'UTC', NODE_ENV: 'test', BRIGADA_DEMO: '1' },
    projects: [
      {
        // Pure rules: no database and no wiring, so no template database to build and no composition to load.
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'lib/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: setsEnv,
          isolate: false,
          // A migrated template database (PGlite, or PostgreSQL with DATABASE_URL) that each file copies.
          globalSetup: ['tests/support/global-setup.ts'],
          // Every test file runs with the product wired together, as the server is (lib/composition).
          setupFiles: ['tests/support/compose.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration-env',
          include: setsEnv,
          globalSetup: ['tests/support/global-setup.ts'],
          setupFiles: ['tests/support/compose.ts'],
        },
      },
    ],
  },
});
