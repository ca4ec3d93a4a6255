import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import fs from 'node:fs';
import path from 'node:path';
import { tableReadExceptions } from './eslint-table-reads.mjs';

// Table ownership (ARCHITECTURE.md, "Tables and their owners"): db/schema/<file>.ts holds lib/<file>'s tables,
// except for these files, whose tables belong to another module.
const schemaFileOwner = { approvals: 'finance', billing: 'finance', tips: 'finance', 'worker-tasks': 'workers' };

/**
 * Every table (an exported pgTable) and the module that owns it, read from db/schema: `owners` by the exported
 * name, `bySqlName` by the table's name in SQL (what raw SQL text says).
 */
function tableOwners() {
  const dir = path.join(import.meta.dirname, 'db/schema');
  const owners = new Map();
  const bySqlName = new Map();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const base = file.slice(0, -3);
    const owner = schemaFileOwner[base] ?? base;
    for (const m of fs
      .readFileSync(path.join(dir, file), 'utf8')
      .matchAll(/export const (\w+) = pgTable\(\s*'(\w+)'/g)) {
      owners.set(m[1], owner);
      bySqlName.set(m[2], { name: m[1], owner });
    }
  }
  return { owners, bySqlName };
}

/** The tables raw SQL text names after FROM, JOIN, UPDATE or INTO (a `sql` template's literal parts). */
const rawTableRef = /\b(?:from|join|update|into)\s+"?([a-z_][a-z0-9_]*)"?/gi;

/**
 * `brigada/table-owner`: a table is read and written only by the module that owns it; other code calls that
 * module's functions. A value import of another module's table from @/db/schema is refused (type imports are
 * fine: they carry no SQL), unless eslint-table-reads.mjs lists the file with that table and a reason. Raw SQL
 * (a `sql` template) that names another module's table in its text after FROM, JOIN, UPDATE or INTO counts the
 * same, so a hand-written join is no way around the rule. A listed table the file no longer uses is reported too,
 * so the exceptions only shrink.
 */
const tableOwner = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      foreign:
        "'{{name}}' is a table of lib/{{owner}}: call that module's functions, or list this file with a reason in eslint-table-reads.mjs.",
      foreignSql:
        "Raw SQL names '{{sqlName}}', the table '{{name}}' of lib/{{owner}}: call that module's functions, or list this file with '{{name}}' and a reason in eslint-table-reads.mjs.",
      stale: "eslint-table-reads.mjs lets this file use '{{name}}', but it no longer does: remove it from the list.",
    },
  },
  create(context) {
    const { owners, bySqlName } = tableOwners();
    const file = path.relative(context.cwd, context.filename).split(path.sep).join('/');
    const ownModule = /^lib\/([^/]+)\//.exec(file)?.[1] ?? null;
    const entry = Object.entries(tableReadExceptions).find(([key]) =>
      key.endsWith('/') ? file.startsWith(key) : file === key,
    )?.[1];
    const seen = new Set();
    return {
      ImportDeclaration(node) {
        if (node.importKind === 'type' || !/^@\/db\/schema(\/[\w-]+)?$/.test(node.source.value)) return;
        for (const spec of node.specifiers) {
          if (spec.type !== 'ImportSpecifier' || spec.importKind === 'type') continue;
          const name = spec.imported.name;
          const owner = owners.get(name);
          if (!owner || owner === ownModule) continue;
          seen.add(name);
          if (entry && (entry.tables === '*' || entry.tables.includes(name))) continue;
          context.report({ node: spec, messageId: 'foreign', data: { name, owner } });
        }
      },
      TaggedTemplateExpression(node) {
        if (node.tag.type !== 'Identifier' || node.tag.name !== 'sql') return;
        const text = node.quasi.quasis.map((q) => q.value.cooked ?? q.value.raw).join(' ');
        const named = new Set();
        for (const m of text.matchAll(rawTableRef)) {
          const table = bySqlName.get(m[1].toLowerCase());
          if (!table || table.owner === ownModule || named.has(table.name)) continue;
          named.add(table.name);
          seen.add(table.name);
          if (entry && (entry.tables === '*' || entry.tables.includes(table.name))) continue;
          context.report({ node, messageId: 'foreignSql', data: { sqlName: m[1], ...table } });
        }
      },
      'Program:exit'(program) {
        if (!entry || entry.tables === '*') return;
        for (const name of entry.tables)
          if (!seen.has(name)) context.report({ node: program, messageId: 'stale', data: { name } });
      },
    };
  },
};

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Module boundaries (ARCHITECTURE.md, "Modules"): from outside lib/<module>, only its server face
    // `@/lib/<module>` (index.ts) or its client-safe face `@/lib/<module>/shared` is imported. Inside a module,
    // files import each other by relative path. Allowed deeper: tests, which pin a module's internals.
    files: ['app/**', 'components/**', 'lib/**', 'emails/**', 'proxy.ts', 'instrumentation.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/*/*', '!@/lib/*/shared'],
              message: "Import the module's face: '@/lib/<module>' (server) or '@/lib/<module>/shared' (client-safe).",
            },
          ],
        },
      ],
    },
  },
  {
    // db/ is the ground floor: the schema, connections and migrations. It depends on nothing above it.
    files: ['db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib/**', '@/app/**', '@/components/**', '@/emails/**'],
              message: 'db/ imports nothing from the layers above it.',
            },
          ],
        },
      ],
    },
  },
  {
    // No import cycles: a module never depends back on a module that depends on it (type-only imports excepted:
    // they vanish at compile time). The composition root (lib/composition) is where the modules meet.
    files: ['lib/**', 'db/**', 'app/**', 'components/**', 'emails/**'],
    settings: { 'import/ignore': ['node_modules', '\\.json$'] },
    rules: {
      'import/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // Tables are read outside their module only through that module's functions (above, `tableOwner`).
    files: ['app/**', 'components/**', 'lib/**', 'emails/**'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    plugins: { brigada: { rules: { 'table-owner': tableOwner } } },
    rules: { 'brigada/table-owner': 'error' },
  },
  {
    ignores: [
      'node_modules/**',
      '.next*/**',
      '.data/**',
      'db/migrations/**',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
    ],
  },
];

export default config;
