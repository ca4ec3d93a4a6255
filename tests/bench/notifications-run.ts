// Child process of `npm run bench -- notifications`: see notifications-spawn.ts.
import { benchNotifications } from './notifications';

await benchNotifications(process.argv.slice(2));
process.exit(0);
