// Running the large demo's module calls side by side on PostgreSQL: chains of steps, each chain in order,
// a few chains at once, a deadlock victim run again.

export type Step = () => Promise<void>;

/** A deadlock or serialization failure: PostgreSQL rolled the transaction back, so running it again is safe. */
function isRetryable(e: unknown): boolean {
  for (let cur: unknown = e; cur && typeof cur === 'object'; cur = (cur as { cause?: unknown }).cause) {
    const code = (cur as { code?: unknown }).code;
    if (code === '40P01' || code === '40001') return true;
  }
  return false;
}

/**
 * Runs each chain's steps in order, up to `concurrency` chains at a time. A step is one module call (one
 * transaction); one that PostgreSQL picked as a deadlock victim is run again.
 */
export async function runChains(chains: Step[][], concurrency: number): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < chains.length) {
      const chain = chains[next++];
      for (const step of chain)
        for (let attempt = 1; ; attempt++)
          try {
            await step();
            break;
          } catch (e) {
            if (attempt >= 5 || !isRetryable(e)) throw e;
          }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chains.length) }, lane));
}
