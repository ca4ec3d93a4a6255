// `npm run db:migrate`: applies migrations to DATABASE_URL, or to the embedded database when unset.
import { connectPglite, connectPostgres } from './connect';
import { migrate } from './migrate';
import path from 'node:path';

const url = process.env.DATABASE_URL;
const conn = url
  ? await connectPostgres(url, 1)
  : await connectPglite(path.resolve(process.env.PGLITE_DIR ?? '.data/pglite'));
await migrate(conn);
await conn.close();
console.log(`migrated ${url ? 'PostgreSQL' : 'the embedded database'}`);
