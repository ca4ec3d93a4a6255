import { spawnSync } from 'node:child_process';

/**
 * React Email renders with react-dom/server, which the `react-server` condition of `npm run bench` replaces
 * with a stub that throws; so this benchmark runs in a child process without it (server-only is mapped to
 * the test stub by notifications.tsconfig.json instead).
 */
export async function benchNotificationsInChild(args: string[]): Promise<void> {
  const result = spawnSync(
    'npx',
    ['tsx', '--tsconfig', 'tests/bench/notifications.tsconfig.json', 'tests/bench/notifications-run.ts', ...args],
    // React's production build, as on the server: its development build renders an email in about twice the CPU.
    { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (result.status !== 0) throw new Error(`notifications benchmark failed (exit ${result.status})`);
}
