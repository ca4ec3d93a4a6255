import 'server-only';
import { after } from 'next/server';
import { dispatchNotifications } from './dispatch';

// One dispatch at a time per server process; a request that enqueues while one runs asks for another round.
let running = false;
let again = false;

async function runRounds(): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  running = true;
  try {
    const { getDb } = await import('@/db');
    const db = await getDb();
    do {
      again = false;
      await dispatchNotifications(db, { budgetMs: 10_000 });
    } while (again);
  } catch (error) {
    // Nothing is lost: the rows stay due and the cron route picks them up within a minute.
    console.error('notifications: dispatch after response failed', error);
  } finally {
    running = false;
  }
}

/**
 * Sends what was just enqueued right after the response (next/server `after()`), so emails go out in
 * seconds rather than at the next cron tick. Outside a request (scripts, tests, jobs) it does nothing and the
 * cron route /api/cron/notifications delivers instead.
 */
export function dispatchSoon(): void {
  try {
    after(runRounds);
  } catch {
    // after() outside a request scope throws; the cron sends it.
  }
}
