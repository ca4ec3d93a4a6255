import { SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

/*
 * Spans of our own, under whatever span is active (Next.js makes one per request). Without a registered
 * OpenTelemetry SDK (instrumentation.ts registers one only when OTEL_EXPORTER_OTLP_ENDPOINT is set) the API
 * hands out no-op spans, so this costs next to nothing. Attributes carry ids, names of jobs and counts,
 * never personal data.
 */
const tracer = () => trace.getTracer('brigada');

export async function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}
