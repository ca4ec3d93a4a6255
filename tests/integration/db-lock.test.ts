import { mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectPglite, DataDirLockedError } from '@/db/connect';

const root = mkdtempSync(path.join(tmpdir(), 'brigada-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the embedded database is one process only', () => {
  it('refuses a data directory another live process holds, with a clear error', async () => {
    const dir = path.join(root, 'held', 'pglite');
    // The parent of this test worker is alive for the whole run: it plays the other process.
    await connectPglite(dir).then((c) => c.close());
    writeFileSync(`${dir}.lock`, String(process.ppid));
    await expect(connectPglite(dir)).rejects.toThrow(DataDirLockedError);
    await expect(connectPglite(dir)).rejects.toThrow(/in use by process/);
  });

  it('takes over a stale lock left by a process that is gone, and releases it on close', async () => {
    const dir = path.join(root, 'stale', 'pglite');
    await connectPglite(dir).then((c) => c.close());
    writeFileSync(`${dir}.lock`, '999999999');
    const conn = await connectPglite(dir);
    expect(existsSync(`${dir}.lock`)).toBe(true);
    await conn.close();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });
});
