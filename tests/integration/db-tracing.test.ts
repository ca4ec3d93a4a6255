import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { users } from '@/db/schema';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { createUser } from '../support/factories';

// Tracing is on when a collector is configured; the connection wraps its driver at open time.
process.env.OTEL_EXPORTER_OTLP_ENDPOINT = 'http://127.0.0.1:4318';
const exporter = new InMemorySpanExporter();
trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));

let conn: TestDatabase;
beforeAll(async () => {
  conn = await createTestDatabase();
});
afterAll(async () => {
  await conn?.close();
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
});

describe('database spans', () => {
  it('records a span per query, in transactions too, with the statement and never the parameters', async () => {
    const user = await createUser(conn.db, 'client');
    exporter.reset();
    const [found] = await conn.db.select({ id: users.id }).from(users).where(eq(users.email, user.email));
    expect(found?.id).toBe(user.id);
    await conn.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT ${user.email}::text AS e`);
      await tx.update(users).set({ phone: '+7 900 000-00-01' }).where(eq(users.id, user.id));
    });
    const spans = exporter.getFinishedSpans();
    const names = spans.map((s) => s.name);
    expect(names).toContain('db SELECT');
    expect(names).toContain('db UPDATE');
    const select = spans.find((s) => String(s.attributes['db.statement']).includes('"users"'));
    expect(select?.attributes['db.system']).toBe('postgresql');
    // Placeholders only: the email and the phone never reach a span.
    const everything = JSON.stringify(spans.map((s) => s.attributes));
    expect(everything).not.toContain(user.email);
    expect(everything).not.toContain('900 000-00-01');
    for (const s of spans) expect(s.endTime[0] + s.endTime[1]).toBeGreaterThan(0);
  });
});
