// `npm run db:seed`: migrates and fills the database with the demo company, if it is empty.
import { connectPglite, connectPostgres } from './connect';
import { migrate } from './migrate';
import { seedIfEmpty } from './seed';
import path from 'node:path';

const url = process.env.DATABASE_URL;
const conn = url
  ? await connectPostgres(url, 1)
  : await connectPglite(path.resolve(process.env.PGLITE_DIR ?? '.data/pglite'));
await migrate(conn);
const seeded = await seedIfEmpty(conn.db);
await conn.close();
console.log(seeded ? 'seeded the demo company' : 'the database already has data; nothing seeded');
