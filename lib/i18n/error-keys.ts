// The message keys an error may carry, derived from the English catalogue so that a typo, an English sentence
// or a key that was removed fails the type check (lib/errors.ts). Type-only: nothing here reaches a bundle.
import type commonJson from './messages/en/common.json';
import type errorsJson from './messages/en/errors.json';
import type authJson from './messages/en/auth.json';
import type homeJson from './messages/en/home.json';
import type portalJson from './messages/en/portal.json';
import type adminJson from './messages/en/admin.json';
import type ordersJson from './messages/en/orders.json';
import type workersJson from './messages/en/workers.json';
import type suppliesJson from './messages/en/supplies.json';
import type catalogJson from './messages/en/catalog.json';
import type qualityJson from './messages/en/quality.json';
import type matchingJson from './messages/en/matching.json';
import type financeJson from './messages/en/finance.json';
import type notificationsJson from './messages/en/notifications.json';
import type billingJson from './messages/en/billing.json';
import type settingsJson from './messages/en/settings.json';
import type plansJson from './messages/en/plans.json';
import type securityJson from './messages/en/security.json';
import type clientsJson from './messages/en/clients.json';
import type boardJson from './messages/en/board.json';

type Catalogue = {
  common: typeof commonJson;
  errors: typeof errorsJson;
  auth: typeof authJson;
  home: typeof homeJson;
  portal: typeof portalJson;
  admin: typeof adminJson;
  orders: typeof ordersJson;
  workers: typeof workersJson;
  supplies: typeof suppliesJson;
  catalog: typeof catalogJson;
  quality: typeof qualityJson;
  matching: typeof matchingJson;
  finance: typeof financeJson;
  notifications: typeof notificationsJson;
  billing: typeof billingJson;
  settings: typeof settingsJson;
  plans: typeof plansJson;
  security: typeof securityJson;
  clients: typeof clientsJson;
  board: typeof boardJson;
};

/** `prefix.a.b` for every string leaf of a nested message object. */
type Leaves<T, P extends string> = T extends string
  ? P
  : T extends object
    ? { [K in keyof T & string]: Leaves<T[K], `${P}.${K}`> }[keyof T & string]
    : never;

/** A namespace's `errors` object, as `<namespace>.errors.<key>`. */
type NamespaceErrors = {
  [N in keyof Catalogue]: Catalogue[N] extends { errors: infer E } ? Leaves<E, `${N}.errors`> : never;
}[keyof Catalogue];

/**
 * A message key a DomainError may carry: the shared `errors.*` namespace, any namespace's `errors` object, and
 * the per-transition messages, whose action and status are only known at run time (useErrorText falls back to the
 * general transition message when one is missing).
 */
export type ErrorKey = Leaves<Catalogue['errors'], 'errors'> | NamespaceErrors | `errors.transition.${string}`;
