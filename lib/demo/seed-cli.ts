// `npm run db:seed`: migrates and fills the database with the demo company, if it is empty. The demo company has
// the published demo logins, so it is added only when asked for with BRIGADA_DEMO=1.
import '@/lib/composition';
import { connectPglite, connectPostgres } from '@/db/connect';
import { migrate } from '@/db/migrate';
import { seedIfEmpty } from './seed';
import path from 'node:path';

if (process.env.BRIGADA_DEMO !== '1') {
  console.error(
    'db:seed adds the demo company with its published logins; run it as BRIGADA_DEMO=1 npm run db:seed ' +
      '(never on a real deployment: use npm run admin:create for the first admin)',
  );
  process.exit(1);
}

const url = process.env.DATABASE_URL;
const conn = url
  ? await connectPostgres(url, 1)
  : await connectPglite(path.resolve(process.env.PGLITE_DIR ?? '.data/pglite'));
await migrate(conn);
const seeded = await seedIfEmpty(conn.db);
await conn.close();
console.log(seeded ? 'seeded the demo company' : 'the database already has data; nothing seeded');
