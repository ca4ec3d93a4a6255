// The module boundaries are checked by lint (eslint.config.mjs); these tests pin that lint really refuses the
// imports the architecture forbids, so a config change cannot quietly switch the checks off. ESLint runs as
// `npm run lint` does, in its own process, on a probe file given on stdin (no-cycle is off: the probe has no file).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

function restricted(code: string, filePath: string): string[] {
  const r = spawnSync(
    'npx',
    ['eslint', '--format', 'json', '--rule', 'import/no-cycle: off', '--stdin', '--stdin-filename', filePath],
    {
      cwd: root,
      input: code,
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  const [result] = JSON.parse(r.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('module boundaries', () => {
  it('refuses a deep import into another module from a page, a component or a module', () => {
    const deep = "import { postEntry } from '@/lib/finance/ledger';\nexport const x = postEntry;\n";
    for (const file of ['app/admin/probe.ts', 'components/probe.tsx', 'lib/orders/probe.ts'])
      expect(restricted(deep, file), file).toEqual([expect.stringContaining("Import the module's face")]);
  }, 300_000);

  it("allows a module's server face and its client-safe face", () => {
    const faces =
      "import { postEntry } from '@/lib/finance';\nimport { priceOrder } from '@/lib/finance/shared';\n" +
      'export const x = [postEntry, priceOrder];\n';
    expect(restricted(faces, 'app/admin/probe.ts')).toEqual([]);
  }, 120_000);

  it('keeps db/ the ground floor: it imports nothing from lib/', () => {
    const up = "import { env } from '@/lib/env';\nexport const x = env;\n";
    expect(restricted(up, 'db/probe.ts')).toEqual([
      expect.stringContaining('db/ imports nothing from the layers above it'),
    ]);
  }, 120_000);
});
