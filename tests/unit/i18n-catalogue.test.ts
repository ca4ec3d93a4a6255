import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { namespaces } from '@/lib/i18n';

// Error messages are message keys typed from the English catalogue (lib/i18n/error-keys.ts), so a key missing
// in English fails the type check. These tests hold Russian to the same set, so nobody sees a raw key.
const dir = path.join(import.meta.dirname, '../../lib/i18n/messages');

function leaves(value: unknown, prefix: string): string[] {
  if (typeof value === 'string') return [prefix];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  }
  return [];
}

const catalogue = (locale: string) =>
  new Set(
    namespaces.flatMap((ns) =>
      leaves(JSON.parse(readFileSync(path.join(dir, locale, `${ns}.json`), 'utf8')) as unknown, ns),
    ),
  );

function sourceFiles(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(root, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe('message catalogues', () => {
  const en = catalogue('en');
  const ru = catalogue('ru');

  it('every namespace has a file in both languages, and nothing else is there', () => {
    for (const locale of ['en', 'ru']) {
      expect(readdirSync(path.join(dir, locale)).sort()).toEqual(namespaces.map((ns) => `${ns}.json`).sort());
    }
  });

  it('Russian and English have the same keys', () => {
    expect([...en].filter((k) => !ru.has(k))).toEqual([]);
    expect([...ru].filter((k) => !en.has(k))).toEqual([]);
  });

  it('every error key the code raises or a form sets exists in both languages', () => {
    const root = path.join(import.meta.dirname, '../..');
    const used = new Set<string>();
    for (const file of ['lib', 'app', 'components'].flatMap((d) => sourceFiles(path.join(root, d)))) {
      // Not `t('errors.x')`: a namespaced translator's key is relative to its namespace.
      for (const m of readFileSync(file, 'utf8').matchAll(/(?<!\bt\()'((?:[a-z]+\.)?errors\.[a-zA-Z]+)'/g)) {
        used.add(m[1]);
      }
    }
    // The probe must see the keys it is meant to check, or it proves nothing.
    expect(used.has('errors.orderNotFound')).toBe(true);
    expect(used.has('billing.errors.invoiceNotFound')).toBe(true);
    expect([...used].filter((k) => !en.has(k) || !ru.has(k))).toEqual([]);
  });
});
