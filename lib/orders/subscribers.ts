import 'server-only';
import type { OrderChangeHandler } from './effects';
import { financeOnOrderChange } from '@/lib/finance/on-order-change';
import { qualityOnOrderChange } from '@/lib/quality/on-order-change';
import { workersOnOrderChange } from '@/lib/workers/on-order-change';
import { suppliesOnOrderChange } from '@/lib/supplies/on-order-change';
import { notificationsOnOrderChange } from '@/lib/notifications/on-order-change';

// Each module that reacts to order transitions exports one handler from lib/<module>/on-order-change.ts
// and adds it here, e.g. `import { financeOnOrderChange } from '@/lib/finance/on-order-change';`.
export const orderSubscribers: OrderChangeHandler[] = [
  financeOnOrderChange,
  qualityOnOrderChange,
  workersOnOrderChange,
  suppliesOnOrderChange,
  notificationsOnOrderChange,
];
