import { api, page, type AccessRule } from './types';

// An order id that exists nowhere: for a client it is simply not found (as another client's order would be).
const unknownOrder = '00000000-0000-4000-8000-000000000000';

export const ordersRules: AccessRule[] = [
  page('/services', ['client']),
  page('/orders/new', ['client']),
  page('/orders?tab=cancelled', ['client']),
  {
    ...page(`/orders/${unknownOrder}`, ['client']),
    expect: { anonymous: 'login', client: 404, worker: 403, manager: 403, admin: 403 },
  },
  // A plan that exists nowhere (as another client's would be): not found for a client.
  {
    ...page(`/plans/${unknownOrder}`, ['client']),
    expect: { anonymous: 'login', client: 404, worker: 403, manager: 403, admin: 403 },
  },
  {
    ...api(`/api/orders/${unknownOrder}/status`, ['client']),
    expect: { anonymous: 401, client: 404, worker: 403, manager: 403, admin: 403 },
  },
];
