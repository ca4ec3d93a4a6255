import { afterEach, describe, expect, it, vi } from 'vitest';

// /dev/error fails on purpose so the error page can be seen; a real deployment (no demo mode) must not have it.
async function visit(e: { NODE_ENV: string; BRIGADA_DEMO?: string }): Promise<unknown> {
  vi.resetModules(); // lib/env reads the environment once per module instance
  vi.stubEnv('NODE_ENV', e.NODE_ENV);
  vi.stubEnv('BRIGADA_DEMO', e.BRIGADA_DEMO ?? '');
  const { default: ForcedErrorPage } = await import('@/app/dev/error/page');
  try {
    ForcedErrorPage();
  } catch (thrown) {
    return thrown;
  }
  throw new Error('the page returned instead of throwing');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('/dev/error exists in demo mode only', () => {
  it('is a 404 on a production server without BRIGADA_DEMO=1', async () => {
    for (const e of [{ NODE_ENV: 'production' }, { NODE_ENV: 'production', BRIGADA_DEMO: '0' }, { NODE_ENV: 'test' }])
      expect(await visit(e), JSON.stringify(e)).toMatchObject({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' });
  });

  it('fails on purpose in demo mode', async () => {
    const thrown = await visit({ NODE_ENV: 'production', BRIGADA_DEMO: '1' });
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toMatch(/^Forced error/);
  });
});
