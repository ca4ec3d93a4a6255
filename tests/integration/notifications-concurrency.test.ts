import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { connectPostgres } from '@/db/connect';
import { notificationAttempts, notifications } from '@/db/schema';
import { dispatchNotifications, smtpTransport } from '@/lib/notifications';
import { onPostgres, setupTestDb } from '../support/db';
import { startSmtpSink } from '../support/notifications-smtp-sink';

const t = setupTestDb();
let sink: Awaited<ReturnType<typeof startSmtpSink>>;

beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(async () => {
  await sink.close();
});

describe('several dispatchers at once', () => {
  it.skipIf(!onPostgres())('deliver 1,000 emails with 4 dispatchers, each exactly once', async () => {
    const N = 1000;
    await t.db.insert(notifications).values(
      Array.from({ length: N }, (_, i) => ({
        kind: 'welcome',
        toEmail: `bulk-${i}@test.local`,
        toName: `Bulk ${i}`,
        locale: i % 2 ? ('en' as const) : ('ru' as const),
        data: {},
        idempotencyKey: `bulk:${i}`,
      })),
    );
    // Four dispatchers, each on its own connection pool, as four server instances would be.
    const conns = await Promise.all(Array.from({ length: 4 }, () => connectPostgres(t.conn.url!, 5)));
    const began = Date.now();
    try {
      const summaries = await Promise.all(
        conns.map((c) =>
          dispatchNotifications(c.db, { transport: smtpTransport(sink.url), batchSize: 10, budgetMs: 300_000 }),
        ),
      );
      const ms = Date.now() - began;
      console.info(
        `notifications: ${N} emails, 4 dispatchers: ${ms} ms (${Math.round((N * 1000) / ms)}/s); per dispatcher ${summaries.map((s) => s.sent).join(', ')}`,
      );
      expect(summaries.reduce((sum, s) => sum + s.sent, 0)).toBe(N);
      // Every dispatcher got a share: they really ran side by side.
      for (const s of summaries) expect(s.sent).toBeGreaterThan(0);
    } finally {
      await Promise.all(conns.map((c) => c.close()));
    }
    const delivered = sink.received.map((m) => (m.to && !Array.isArray(m.to) ? m.to.value[0].address : ''));
    expect(delivered).toHaveLength(N);
    expect(new Set(delivered).size).toBe(N);
    const [{ sent }] = await t.db.select({ sent: count() }).from(notifications).where(eq(notifications.status, 'sent'));
    expect(sent).toBe(N);
    expect(await t.db.$count(notificationAttempts)).toBe(N);
  });
});
