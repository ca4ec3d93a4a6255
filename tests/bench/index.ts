// `npm run bench [-- name …] [-- --orders N]`: runs the registered benchmarks and prints their figures.
// Benchmarks measure; tests never assert wall-clock times.
import { benchBilling } from './billing';
import { benchMatching } from './matching';
import { benchQuality } from './quality';
import { benchFinance } from './finance';
import { benchNotificationsInChild } from './notifications-spawn';
import { benchPlans } from './plans';
import { benchBoard } from './board';
import { benchPages } from './pages';

type Bench = { name: string; run: (args: string[]) => Promise<void> };

const benches: Bench[] = [
  { name: 'billing', run: benchBilling },
  { name: 'matching', run: benchMatching },
  { name: 'quality', run: benchQuality },
  { name: 'finance', run: benchFinance },
  { name: 'notifications', run: benchNotificationsInChild },
  { name: 'plans', run: benchPlans },
  { name: 'board', run: benchBoard },
  { name: 'pages', run: benchPages },
];

const args = process.argv.slice(2);
const selected = args.filter((a) => !a.startsWith('--') && benches.some((b) => b.name === a));
const toRun = selected.length ? benches.filter((b) => selected.includes(b.name)) : benches;

if (toRun.length === 0) console.log('no benchmarks registered yet');
for (const bench of toRun) {
  console.log(`\n## ${bench.name}`);
  await bench.run(args);
}
export {};
