import 'server-only';
import { after } from 'next/server';
import { getDb } from '@/db';
import { env } from '@/lib/env';
import { dispatch } from './dispatch';

async function run(orderIds: string[]): Promise<void> {
  try {
    await dispatch(await getDb(), { orderIds, trigger: 'order' });
  } catch (error) {
    // Matching after a response must never surface to the user; the sweep cron retries pending orders.
    console.error('matchSoon: dispatch failed', error);
  }
}

/**
 * Tries to match these orders right after the current response (next/server `after()`), i.e. after the
 * caller's transaction has committed, so creating or rescheduling an order never waits for the solver.
 * Outside a request (scripts, jobs) `after()` is unavailable and the dispatch starts at once in the
 * background. Under Vitest it does nothing: tests own their database and call `dispatch(db, …)` themselves,
 * and the app's database (what getDb() opens) must never be touched from a test.
 */
export function matchSoon(orderIds: string[]): void {
  if (orderIds.length === 0) return;
  try {
    after(() => run(orderIds));
  } catch {
    if (env().NODE_ENV === 'test') return;
    void run(orderIds);
  }
}
