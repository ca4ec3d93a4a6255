import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';

/*
 * A span per database query, made where the driver runs it. drizzle-orm's own tracing hook is not used: its
 * spans carry the bound parameters (emails, password hashes), and it ends a span before an async query settles.
 * Here the span holds the statement text only (parameters are placeholders) and lasts until the result is in.
 * The drivers are wrapped only when tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT set), so otherwise nothing changes.
 */

export function dbTracingEnabled(): boolean {
  return Boolean(process.env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

const MAX_STATEMENT = 2000;

function operationOf(text: string): string {
  const word = /^\s*(\w+)/.exec(text)?.[1];
  return word ? word.toUpperCase() : 'QUERY';
}

async function traced<T>(system: 'postgresql', text: string, run: () => PromiseLike<T>): Promise<T> {
  const operation = operationOf(text);
  return trace.getTracer('brigada-db').startActiveSpan(
    `db ${operation}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system': system,
        'db.operation': operation,
        'db.statement': text.slice(0, MAX_STATEMENT),
      },
    },
    async (span) => {
      try {
        return await run();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

type AnyFn = (...args: unknown[]) => unknown;

function bound(target: object, prop: string | symbol): unknown {
  const value: unknown = Reflect.get(target, prop, target);
  return typeof value === 'function' ? (value as AnyFn).bind(target) : value;
}

/**
 * A postgres.js query is lazy (it runs when first awaited) and chainable (`.values()` returns the same query), so
 * the wrapper times it from the first `then` and keeps wrapping what the chain returns.
 */
function tracedPending<Q extends object>(query: Q, text: string): Q {
  let settled: Promise<unknown> | undefined;
  const run = () => (settled ??= traced('postgresql', text, () => query as unknown as PromiseLike<unknown>));
  return new Proxy(query, {
    get(target, prop) {
      if (prop === 'then')
        return (onOk?: (v: unknown) => unknown, onErr?: (e: unknown) => unknown) => run().then(onOk, onErr);
      if (prop === 'catch') return (onErr?: (e: unknown) => unknown) => run().catch(onErr);
      if (prop === 'finally') return (f?: () => void) => run().finally(f);
      if (prop === 'values' || prop === 'raw')
        return (...args: unknown[]) =>
          tracedPending((Reflect.get(target, prop) as AnyFn).apply(target, args) as Q, text);
      return bound(target, prop);
    },
  });
}

/** A postgres.js `sql` whose `unsafe` queries (drizzle runs everything through them) are spans, in transactions too. */
export function tracePostgres<S extends object>(client: S): S {
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const fn = value as AnyFn;
      if (prop === 'unsafe')
        return (text: string, ...rest: unknown[]) => tracedPending(fn.call(target, text, ...rest) as object, text);
      if (prop === 'begin' || prop === 'savepoint')
        return (...args: unknown[]) =>
          fn.apply(
            target,
            args.map((a) => (typeof a === 'function' ? (tx: object) => (a as AnyFn)(tracePostgres(tx)) : a)),
          );
      return fn.bind(target);
    },
  });
}

/** A PGlite client (or transaction) whose `query` calls are spans; `transaction` hands out a wrapped transaction. */
export function tracePglite<C extends object>(client: C): C {
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const fn = value as AnyFn;
      if (prop === 'query')
        return (text: string, ...rest: unknown[]) =>
          traced('postgresql', text, () => fn.call(target, text, ...rest) as PromiseLike<unknown>);
      if (prop === 'transaction') return (cb: AnyFn) => fn.call(target, (tx: object) => cb(tracePglite(tx)));
      return fn.bind(target);
    },
  });
}
