// `npm run admin:create -- --email you@company.com [--name "Your Name"]`: the company's first admin on a
// database without demo logins. Prints a single-use link that sets the password. With the embedded database,
// run it while the app is stopped (one process at a time), or set ADMIN_EMAIL and start the app instead.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { connectPglite, connectPostgres } from '@/db/connect';
import { migrate } from '@/db/migrate';
import { bootstrapFirstAdmin } from './bootstrap';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
if (!values.email) {
  console.error('usage: npm run admin:create -- --email you@company.com [--name "Your Name"]');
  process.exit(2);
}
const url = process.env.DATABASE_URL;
const conn = url
  ? await connectPostgres(url, 1)
  : await connectPglite(path.resolve(process.env.PGLITE_DIR ?? '.data/pglite'));
try {
  await migrate(conn);
  const created = await bootstrapFirstAdmin(conn.db, { email: values.email, name: values.name });
  const appUrl = process.env.APP_URL ?? 'http://localhost:3000';
  console.log(
    created
      ? `admin ${values.email} created: set the password at ${appUrl}${created.path} (valid until ${created.expiresAt.toISOString()})`
      : 'an admin exists already; nothing created (use "Forgot password" on /login)',
  );
} finally {
  await conn.close();
}
