import 'server-only';
import { after } from 'next/server';
import { getDb } from '@/db';
import { dispatch } from './dispatch';

async function run(orderIds: string[]): Promise<void> {
  try {
    await dispatch(await getDb(), { orderIds });
  } catch (error) {
    // Matching after a response must never surface to the user; the sweep cron retries pending orders.
    console.error('matchSoon: dispatch failed', error);
  }
}

/**
 * Tries to match these orders right after the current response (next/server `after()`), so creating or
 * rescheduling an order never waits for the solver. Outside a request (scripts, tests, subscribers run
 * from a cron) `after()` is unavailable: then the dispatch starts at once in the background.
 */
export function matchSoon(orderIds: string[]): void {
  if (orderIds.length === 0) return;
  try {
    after(() => run(orderIds));
  } catch {
    void run(orderIds);
  }
}
