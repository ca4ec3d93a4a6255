import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

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
