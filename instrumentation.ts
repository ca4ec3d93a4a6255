import type { Instrumentation } from 'next';

// Runs once when a server process starts; the work is in lib/startup.ts (Node.js runtime only).
export async function register() {
  // Traces over OTLP only when a collector is configured: a span per request (Next.js), per server action and
  // per job chunk (lib/trace.ts) and per database query (db/trace.ts). Without it nothing is registered and every
  // span is a no-op.
  if (process.env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    const { registerOTel } = await import('@vercel/otel');
    registerOTel({ serviceName: process.env.OTEL_SERVICE_NAME || 'brigada' });
  }
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('./lib/startup');
  await startServer();
}

// Every unhandled server error (pages, route handlers, server actions, proxy), logged with the request id and
// the digest the error page shows as its reference, and marked on the request's span.
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  // The Node.js server only (lib/log writes with pino); the Edge build drops the rest.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ recordRequestError }, { trace, SpanStatusCode }] = await Promise.all([
    import('./lib/log'),
    import('@opentelemetry/api'),
  ]);
  recordRequestError(error, request, context);
  const span = trace.getActiveSpan();
  if (span && error instanceof Error) {
    span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
};
