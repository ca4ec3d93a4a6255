// `npm run db:seed [-- --size large [--scale 0.25]]`: migrates and fills the database with the demo company, if
// it is empty. The demo company has the published demo logins, so it is added only when asked for with
// BRIGADA_DEMO=1. `--size large` (or BRIGADA_DEMO_SIZE=large) adds six months of its history, printing progress.
import '@/lib/composition';
import { parseArgs } from 'node:util';
import { connectPglite, connectPostgres } from '@/db/connect';
import { migrate } from '@/db/migrate';
import { seedIfEmpty } from './seed';
import { demoPhase } from './large';
import path from 'node:path';

if (process.env.BRIGADA_DEMO !== '1') {
  console.error(
    'db:seed adds the demo company with its published logins; run it as BRIGADA_DEMO=1 npm run db:seed ' +
      '(never on a real deployment: use npm run admin:create for the first admin)',
  );
  process.exit(1);
}

const { values } = parseArgs({
  options: { size: { type: 'string' }, scale: { type: 'string' }, days: { type: 'string' } },
});
const size = values.size ?? process.env.BRIGADA_DEMO_SIZE ?? 'small';
if (size !== 'small' && size !== 'large') {
  console.error(`--size is small or large, not ${size}`);
  process.exit(1);
}

const url = process.env.DATABASE_URL;
// On PostgreSQL the large demo runs different workers' days side by side over a small pool; PGlite is one
// connection whatever we ask.
const concurrency = url ? 6 : 1;
// Statements by phase of the large demo (the small demo and migrations count as 'other').
const queriesByPhase = new Map<string, number>();
const onQuery = () => {
  const phase = demoPhase() ?? 'other';
  queriesByPhase.set(phase, (queriesByPhase.get(phase) ?? 0) + 1);
};
const conn = url
  ? await connectPostgres(url, concurrency, { onQuery })
  : await connectPglite(path.resolve(process.env.PGLITE_DIR ?? '.data/pglite'), { onQuery });
await migrate(conn);
const wall = performance.now();
const cpu = process.cpuUsage();
const elapsed = () => {
  const used = process.cpuUsage(cpu);
  return `${((performance.now() - wall) / 1000).toFixed(1)} s wall, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU`;
};
const seeded = await seedIfEmpty(conn.db, {
  size,
  large: {
    scale: values.scale ? Number(values.scale) : undefined,
    days: values.days ? Number(values.days) : undefined,
    concurrency,
    queriesByPhase,
    onProgress: (line) => console.log(`[${elapsed()}] ${line}`),
  },
});
await conn.close();
if (!seeded) console.log('the database already has data; nothing seeded');
else if (seeded === true) console.log(`seeded the demo company (${elapsed()})`);
else console.log(`seeded the large demo company in ${elapsed()}:`, JSON.stringify(seeded));
