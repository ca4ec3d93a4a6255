import { env, demoMode, startupProblems } from '@/lib/env';

/**
 * The server process's start (Node.js runtime only; called from instrumentation.ts). It refuses to start a
 * production server whose environment would leave it open (no AUTH_SECRET outside demo mode, short
 * secrets), with one line naming the variable. It installs the composition root (lib/composition). The
 * embedded database is opened, migrated and (in demo mode) seeded here,
 * inside the one process allowed to hold it, so the first request does not pay for it. Without demo
 * logins, the first admin's set-password link is printed.
 */
export async function startServer(): Promise<void> {
  const problems = startupProblems(env());
  if (problems.length > 0) {
    console.error(`Brigada refuses to start: ${problems.join('; ')}`);
    process.exit(1);
  }
  await import('@/lib/composition');
  const { getConnection, onEmbeddedDb } = await import('@/db');
  if (onEmbeddedDb()) {
    const { db } = await getConnection();
    // The demo company with its published logins, on the embedded database only and only when asked for
    // (`next dev`, BRIGADA_DEMO=1); a real server never gets them.
    if (demoMode()) {
      const { seedIfEmpty } = await import('@/lib/demo');
      const size = env().BRIGADA_DEMO_SIZE;
      await seedIfEmpty(db, {
        size,
        // The large demo takes a minute or two: say what it is doing.
        large: {
          days: env().BRIGADA_DEMO_DAYS,
          scale: env().BRIGADA_DEMO_SCALE,
          onProgress: (line) => console.info(`[demo] ${line}`),
        },
      });
    }
  }
  if (demoMode()) return;
  try {
    const { announceFirstAdmin } = await import('@/lib/auth');
    await announceFirstAdmin((await getConnection()).db, { adminEmail: env().ADMIN_EMAIL, appUrl: env().APP_URL });
  } catch (error) {
    // A database that is not migrated yet (a release step) must not stop the server; say why once.
    console.error('Brigada could not check for a first admin at start:', error);
  }
}
