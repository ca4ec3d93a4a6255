import 'server-only';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { connectPglite, type Connection } from './connect';

/*
 * Backups. PostgreSQL: pg_dump's custom format (compressed, restorable table by table) and pg_restore. The
 * embedded database: PGlite's own data-directory dump, a gzipped tarball of the whole cluster, which PGlite loads
 * into an empty data directory. Both hold everything: schema, migrations table, data.
 */

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', (error) =>
      reject(
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? new Error(`${command} is not installed (Debian: apt-get install postgresql-client)`)
          : error,
      ),
    );
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.trim().slice(-2000)}`)),
    );
  });
}

/** pg_dump in the custom format (-Fc) to `file`. */
export async function backupPostgres(url: string, file: string): Promise<void> {
  await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--file', file, '--dbname', url]);
}

/**
 * pg_restore of a custom-format dump into `url`, in one transaction (all or nothing). Meant for an empty
 * database; `clean` drops the dump's objects first, to restore over an existing copy.
 */
export async function restorePostgres(url: string, file: string, opts: { clean?: boolean } = {}): Promise<void> {
  await run('pg_restore', [
    '--no-owner',
    '--no-privileges',
    '--exit-on-error',
    '--single-transaction',
    ...(opts.clean ? ['--clean', '--if-exists'] : []),
    '--dbname',
    url,
    file,
  ]);
}

/** Writes an open embedded database's data directory to `file` (a .tar.gz). */
export async function backupPglite(conn: Connection, file: string): Promise<void> {
  if (!conn.dumpDataDir) throw new Error('Not an embedded database');
  const dump = await conn.dumpDataDir();
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
}

/**
 * Loads a data-directory dump into `dataDir`. Refuses a data directory that already holds a database unless
 * `replace` is set; then that one (after checking no process holds it) is kept beside it as
 * `<dataDir>.replaced-<time>`, never deleted.
 */
export async function restorePglite(
  file: string,
  dataDir: string,
  opts: { replace?: boolean } = {},
): Promise<{ keptAs: string | null }> {
  let keptAs: string | null = null;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    if (!opts.replace)
      throw new Error(`${dataDir} already holds a database; pass --replace to keep it aside and restore over it`);
    // Opening it takes its lock: a running server holding it makes this throw, and nothing is moved.
    const probe = await connectPglite(dataDir);
    await probe.close();
    keptAs = `${dataDir}.replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dataDir, keptAs);
  }
  const conn = await connectPglite(dataDir, { loadDataDir: new Blob([readFileSync(file)]) });
  await conn.close();
  return { keptAs };
}
