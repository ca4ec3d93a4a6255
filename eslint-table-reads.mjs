// Written exceptions to the table-ownership rule (eslint.config.mjs, `brigada/table-owner`): a file outside the
// module that owns a table may import that table (a value import from @/db/schema) only if listed here, with the
// tables it may use and why. Every other read goes through the owning module's functions. A listed table that the
// file no longer imports is reported, so the list only shrinks. ARCHITECTURE.md, "Tables and their owners".

/** lib/payments, lib/finance and lib/board were being reworked when the rule landed (lib/quality and lib/matching are done). */
const reworked = "Left as it was while the module is reworked: convert to the owners' functions afterwards.";
/** People searched or sorted with the list's own columns (lists that only show names use lib/auth's personName). */
const names =
  "Searches or sorts the people it lists by name, email or phone in the same keyset-paged query (lib/auth's accounts and personName serve the code that only checks or shows them).";
/** lib/orders' projection names the joined service and zone columns. */
const projection =
  "Names service and zone columns of lib/orders' selectOrders projection (the catalogue's and settings' tables are joined there).";

/** @type {Record<string, { tables: string[] | '*'; reason: string }>} */
export const tableReadExceptions = {
  'lib/demo/': {
    tables: '*',
    reason: "The demo company is written straight into every module's tables by the seed, above every module.",
  },
  'lib/audit/list.ts': {
    tables: ['users'],
    reason:
      "Names each entry's actor in the same query; lib/auth records its changes through lib/audit, so lib/audit cannot call lib/auth (cycle).",
  },
  'lib/auth/invites.ts': {
    tables: ['workerProfiles'],
    reason:
      "A worker's invite, accepted, creates the worker's empty profile in the same transaction as the user; lib/workers depends on lib/auth, so calling it would close a cycle.",
  },
  'lib/auth/sign-up.ts': {
    tables: ['clientProfiles'],
    reason:
      "Sign-up creates the client's profile row in the same transaction as the user; lib/clients depends on lib/auth (cycle).",
  },
  'lib/auth/staff-client.ts': {
    tables: ['clientProfiles'],
    reason:
      "Staff creating a client's account write its profile row in the same transaction as the user; lib/clients depends on lib/auth (cycle).",
  },
  'lib/board/load-board.ts': {
    tables: ['orders', 'services', 'unmatchedFlags', 'users', 'workerProfiles', 'workerSkills', 'workerZones', 'zones'],
    reason:
      "The board is a set-based read model over a period's orders and the workers who can take them. Its lanes are " +
      "keyset-paged by the worker's name, filtered by zone, skill and grade, so the page walks users' (role, name, id) " +
      "index joined to worker profiles and tests skills and zones in the same query; the day totals sum the period's " +
      'booked orders per worker from the (scheduled_start) index and meet that same lane set in SQL; the tray joins ' +
      "matching's unmatched flags to the pending orders it pages; jobs and tray name service and zone columns of lib/orders' " +
      'selectOrders projection, and the zone filter lists the zones with both names.',
  },
  'lib/board/move.ts': {
    tables: ['orders'],
    reason:
      "Reads the moved order's status and times, and, when a move is refused as an overlap, the worker's job that " +
      "overlaps the wanted time (lib/orders' status rules and lib/matching's exclusion constraint say only that there is one).",
  },
  'lib/clients/notes.ts': {
    tables: ['orders'],
    reason: "Lists the client's orders a note may be pinned to (number and start).",
  },
  'lib/clients/search.ts': {
    tables: ['clientAddresses', 'orders', 'users'],
    reason: 'Staff search is one set-based query over clients, their saved addresses and their last orders.',
  },
  'lib/finance/fail-fines.ts': {
    tables: ['orders'],
    reason: reworked + ' ' + 'Reads the order it prices the fine of.',
  },
  'lib/finance/history.ts': {
    tables: ['orders', 'users'],
    reason: reworked + ' ' + 'Ledger history joins the orders and people its entries name, set-based and keyset-paged.',
  },
  'lib/finance/invoices/apply-credit.ts': {
    tables: ['payments'],
    reason:
      reworked +
      ' ' +
      "Applying a credit writes the payment row that settles the invoice, in the invoice's transaction.",
  },
  'lib/finance/invoices/credit-notes.ts': {
    tables: ['orders', 'services'],
    reason: reworked + ' ' + "The credit note's lines name the orders and services of the invoice lines.",
  },
  'lib/finance/invoices/queries.ts': {
    tables: ['orders', 'payments', 'services'],
    reason:
      reworked +
      ' ' +
      "An invoice's page: its lines with their orders and services, and its payments, in one parallel round.",
  },
  'lib/finance/invoices/reminders-job.ts': {
    tables: ['orders', 'services'],
    reason: reworked + ' ' + "Set-based reminder job: tomorrow's orders with their services, one query per chunk.",
  },
  'lib/finance/invoices/write-off.ts': {
    tables: ['payments'],
    reason: reworked + ' ' + "A write-off records its payment row in the invoice's transaction.",
  },
  'lib/finance/on-order-change.ts': {
    tables: ['orders', 'workerProfiles'],
    reason:
      reworked +
      ' ' +
      "The order-change reaction prices the order from the order row and the worker's grade, in the transition's transaction.",
  },
  'lib/finance/payroll/runs.ts': {
    tables: ['workerProfiles'],
    reason: reworked + ' ' + "Set-based payroll over the workers' profiles (the bank export's account details).",
  },
  'lib/finance/rules-admin.ts': {
    tables: ['services'],
    reason: reworked + ' ' + 'Pay rates are listed with the service each is for (a left join on services).',
  },
  'lib/finance/tips.ts': {
    tables: ['orders'],
    reason: reworked + ' ' + "A tip is checked against its visit (order) in the tip's transaction.",
  },
  'lib/matching/dispatch.ts': {
    tables: ['clientProfiles', 'orders', 'plans', 'services', 'users', 'workerProfiles', 'zones'],
    reason:
      projection +
      " The dispatcher reads its batch of pending orders set-based (up to every order in the horizon) in one query: the service's skill and pricing columns, the zone's travel fee, the client's discount (clientProfiles) and a visit's plan's regular worker (plans: lib/plans depends on lib/matching, a cycle). The commit takes the workers' profile row locks (workerProfiles, FOR UPDATE in id order, the lock lib/workers takes too) and re-reads their disabled flag (users) in statements after the lock, inside the commit's transaction. Covered by matching-dispatch and matching-batch-commit tests.",
  },
  'lib/matching/load.ts': {
    tables: ['orderEvents', 'orderFeedback', 'orders', 'workerProfiles', 'zones'],
    reason:
      "The cost matrix's load: a fixed number of set-based reads whatever the batch size (the sweep reads 1,000 orders × 1,000 workers), run at once: the active worker profiles, every busy job of those workers in the batch's weeks, the batch's declines (order events), 180 days of ratings (order feedback) and outcomes, and every zone's coordinates. Covered by the matching-dispatch, matching-manual and matching-preferred tests and measured by the plans bench.",
  },
  'lib/matching/manage.ts': {
    tables: ['orders', 'plans', 'services', 'zones'],
    reason:
      projection +
      " The manual ranking and assignment read a visit's plan's regular worker in the same query, for the same cost and substitute mark as the dispatcher's (plans: lib/plans depends on lib/matching, a cycle); the dispatch page lists pending orders and the recent assignments with their order numbers in one query each.",
  },
  'lib/notifications/enqueue.ts': {
    tables: ['users'],
    reason:
      "The outbox resolves recipients (email, name, language, disabled) for a batch of users in the caller's transaction; lib/auth depends on lib/notifications (cycle).",
  },
  'lib/orders/account.ts': {
    tables: ['users', 'zones'],
    reason:
      'The client reads and edits their own account row (name, phone, language) here, and the zone of a saved address.',
  },
  'lib/orders/catalogue.ts': {
    tables: ['services'],
    reason: "The booking form's catalogue: the active services, read with what the order needs of them.",
  },
  'lib/orders/client-changes.ts': {
    tables: ['zones'],
    reason: projection + ' ' + 'Checks the zone of a changed address is active.',
  },
  'lib/orders/client-orders.ts': { tables: ['services', 'zones'], reason: projection },
  'lib/orders/create-order.ts': {
    tables: ['zones'],
    reason: projection + ' ' + 'Checks the zone of a new booking is active.',
  },
  'lib/orders/desk.ts': { tables: ['services', 'zones'], reason: projection },
  'lib/orders/emails.ts': {
    tables: ['services'],
    reason: "The order emails name the order's service.",
  },
  'lib/orders/open-order-cap.ts': {
    tables: ['users'],
    reason: "Counts a client's open orders against a cap that depends on whether the account's email is verified.",
  },
  'lib/orders/pricing-context.ts': {
    tables: ['clientProfiles', 'services', 'zones'],
    reason:
      "Pricing an order needs the service's prices, the zone's travel fee and the client's discount, read in one round.",
  },
  'lib/orders/queries.ts': {
    tables: ['services', 'users', 'zones'],
    reason: projection + ' ' + 'This is the projection: it joins the order to its service, zone, client and worker.',
  },
  'lib/payments/apply-payment.ts': {
    tables: ['invoices'],
    reason: reworked + ' ' + "A payment settles its invoice (paid amount, status) in the payment's transaction.",
  },
  'lib/payments/bank-transfer.ts': {
    tables: ['invoices'],
    reason: reworked + ' ' + "A bank transfer settles its invoice in the payment's transaction.",
  },
  'lib/payments/charge-attempts.ts': {
    tables: ['invoiceLines', 'invoices', 'orders'],
    reason: reworked + ' ' + "Set-based charging job: due invoices and their lines' orders, one query per chunk.",
  },
  'lib/payments/charges.ts': {
    tables: ['invoiceLines', 'invoices', 'orders'],
    reason: reworked + ' ' + "Set-based charging job over invoices and their lines' orders.",
  },
  'lib/payments/list.ts': {
    tables: ['invoices'],
    reason: reworked + ' ' + "The payments list shows each payment's invoice number.",
  },
  'lib/payments/refunds.ts': {
    tables: ['invoices'],
    reason: reworked + ' ' + "A refund reduces its invoice's paid amount in the refund's transaction.",
  },
  'lib/plans/on-order-change.ts': {
    tables: ['orders'],
    reason:
      "The plan's reaction to an order change finds the plan's other assigned visits, in the transition's transaction.",
  },
  'lib/plans/plans.ts': {
    tables: ['orders', 'services'],
    reason:
      "A plan's page and its changes read the plan's visits (orders written by lib/orders insertPlanVisits) with their service.",
  },

  'lib/quality/on-order-change.ts': {
    tables: ['orders'],
    reason:
      "Not converted yet (issue 19): a free re-do's zero price is written here, in the transition's transaction, after finance priced the worker's pay from the real lines; it should come from pricing itself and be handed to the match transition, which needs finance's pay before lib/orders writes the row.",
  },
  'lib/quality/review.ts': {
    tables: ['orderEvents', 'orders', 'services', 'users', 'zones'],
    reason:
      projection +
      " The review queue pages and counts orders with each one's closing reason (a correlated subquery over its order events) and its review in one keyset query; the manager's order names its reviewer and re-do (aliases of users and orders) and counts the client's orders by status.",
  },
  'lib/supplies/stock.ts': {
    tables: ['services', 'workerProfiles'],
    reason: 'Stock movements name the service; issuing checks the worker has a profile.',
  },
  'lib/workers/ical.ts': {
    tables: ['orders', 'services'],
    reason: "A worker's calendar feed: their orders with the service, set-based.",
  },
  'lib/workers/pool.ts': {
    tables: ['orders', 'services', 'users', 'zones'],
    reason:
      names +
      ' ' +
      "The worker pool is searched and sorted by name, email and phone; deactivation finds the worker's open orders.",
  },
  'lib/workers/schedule.ts': {
    tables: ['orders'],
    reason: "A schedule change lists the worker's assigned orders it would leave outside their hours.",
  },
  'lib/workers/tasks.ts': {
    tables: ['orders', 'services'],
    reason: "A worker's task list reads their orders with the service.",
  },
};
