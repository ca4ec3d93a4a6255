// Spawned by tests/integration/auth-safe-defaults.test.ts with a chosen environment: runs the server's
// start hook, then prints which demo features are on. A refused start exits 1 before printing anything.
import { register } from '../../instrumentation';
import { mailboxEnabled } from '@/lib/notifications';
import { authSecret, demoMode } from '@/lib/env';

await register();
let secret: string;
try {
  secret = authSecret() === 'brigada-development-secret-not-for-production' ? 'development' : 'own';
} catch {
  secret = 'none';
}
console.log(JSON.stringify({ demo: demoMode(), mailbox: mailboxEnabled(), secret }));
process.exit(0);
