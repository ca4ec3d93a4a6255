// `npm run db:backup [-- file]` and `npm run db:restore -- file [--clean | --replace]`: DATABASE_URL with
// pg_dump / pg_restore (custom format), or the embedded database's data directory (stop the server first: the
// embedded database is one process only, and its lock refuses a second).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { connectPglite } from './connect';
import { backupPglite, backupPostgres, restorePglite, restorePostgres } from './backup';

const [command, ...rest] = process.argv.slice(2);
const flags = new Set(rest.filter((a) => a.startsWith('--')));
const file = rest.find((a) => !a.startsWith('--'));
const url = process.env.DATABASE_URL || undefined;
const dataDir = path.resolve(process.env.PGLITE_DIR || '.data/pglite');

if (command === 'backup') {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = path.resolve(file ?? path.join('backups', `brigada-${stamp}.${url ? 'dump' : 'pglite.tar.gz'}`));
  mkdirSync(path.dirname(target), { recursive: true });
  if (url) await backupPostgres(url, target);
  else {
    const conn = await connectPglite(dataDir);
    try {
      await backupPglite(conn, target);
    } finally {
      await conn.close();
    }
  }
  console.log(`backed up ${url ? 'PostgreSQL' : `the embedded database ${dataDir}`} to ${target}`);
} else if (command === 'restore') {
  if (!file) {
    console.error('usage: npm run db:restore -- <backup file> [--clean (PostgreSQL) | --replace (embedded)]');
    process.exit(1);
  }
  if (url) await restorePostgres(url, path.resolve(file), { clean: flags.has('--clean') });
  else {
    const { keptAs } = await restorePglite(path.resolve(file), dataDir, { replace: flags.has('--replace') });
    if (keptAs) console.log(`the previous embedded database is kept at ${keptAs}`);
  }
  console.log(`restored ${file} into ${url ? 'PostgreSQL' : `the embedded database ${dataDir}`}`);
} else {
  console.error('usage: db/backup-cli.ts backup [file] | restore <file> [--clean | --replace]');
  process.exit(1);
}
