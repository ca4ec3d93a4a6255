// The entry of a render thread (render-pool.ts): registers tsx's hooks in this thread, which Node 20 does not
// pass on from the parent, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./render-worker.ts');
