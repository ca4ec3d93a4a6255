// Written exceptions to the table-ownership rule (eslint.config.mjs, `brigada/table-owner`): a file outside the
// module that owns a table may import that table (a value import from @/db/schema) only if listed here, with the
// tables it may use and why. Every other read goes through the owning module's functions. A listed table that the
// file no longer imports is reported, so the list only shrinks. ARCHITECTURE.md, "Tables and their owners".

/** lib/orders calls lib/finance's pricing, so lib/finance cannot call lib/orders. */
const ordersCycle =
  "lib/orders depends on lib/finance (the pricing and cancellation rules of lib/finance/shared), so lib/finance calling lib/orders' functions would close a cycle between the two modules.";
/** lib/payments settles invoices through lib/finance, so lib/finance cannot call lib/payments. */
const paymentsCycle =
  'lib/payments depends on lib/finance (it settles invoices and posts its ledger entries through it), so lib/finance calling lib/payments would close a cycle.';
/** lib/workers depends on lib/orders, which depends on lib/finance. */
const workersCycle =
  "lib/workers depends on lib/orders, which depends on lib/finance, so lib/finance calling lib/workers' functions would close a cycle.";
/** Set-based SQL that joins another module's tables by hand, seen by the rule in the raw text. */
const setBased = 'Set-based SQL that joins the tables in one statement, written as raw SQL.';
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
    reason:
      ordersCycle + ' ' + 'Reads the order whose failure fines it previews (its worker, stored pay and price lines).',
  },
  'lib/finance/history.ts': {
    tables: ['orders', 'users'],
    reason:
      ordersCycle +
      ' ' +
      "Ledger history and the adjustments list name each entry's order in the same keyset-paged query. " +
      names,
  },
  'lib/finance/invoices/apply-credit.ts': {
    tables: ['payments'],
    reason:
      paymentsCycle +
      ' ' +
      "Applying a client's credit records each application as a payment row (provider 'credit') beside the invoice it pays, in the invoice's transaction.",
  },
  'lib/finance/invoices/credit-notes.ts': {
    tables: ['orders'],
    reason: ordersCycle + ' ' + "A credit note's lines name their orders and sort by the order number, in one query.",
  },
  'lib/finance/invoices/generate.ts': {
    tables: ['orders'],
    reason:
      setBased +
      ' ' +
      'The weekly invoicing run: one statement per chunk of clients turns their unbilled completed, fee-charged and failure-charged orders into invoices and lines (tests/integration/billing-invoices.test.ts). ' +
      ordersCycle,
  },
  'lib/finance/invoices/queries.ts': {
    tables: ['orders', 'payments'],
    reason:
      ordersCycle +
      ' ' +
      paymentsCycle +
      ' ' +
      "An invoice's page reads its lines through the client's orders (orders_client_idx: the lines have no invoice index) with each order's number, price lines and address, and the invoice's payments, in one parallel round.",
  },
  'lib/finance/invoices/reminders-job.ts': {
    tables: ['orders'],
    reason:
      ordersCycle +
      ' ' +
      'Set-based reminder job: a chunk of the workers with assigned orders tomorrow, then those orders, one query each per chunk.',
  },
  'lib/finance/invoices/write-off.ts': {
    tables: ['payments'],
    reason:
      paymentsCycle +
      ' ' +
      "A write-off records each invoice's written-off part as a payment row (provider 'write_off'), in the invoice's transaction.",
  },
  'lib/finance/on-order-change.ts': {
    tables: ['workerProfiles'],
    reason:
      workersCycle +
      ' ' +
      "The pay of the orders a match is about to write (payForMatches) reads the matched workers' grades for their pay rates, set-wise, in the transition's transaction.",
  },
  'lib/finance/payroll/generate.ts': {
    tables: ['orders', 'payments', 'refunds'],
    reason:
      setBased +
      ' ' +
      "The monthly payroll run: one statement per chunk of workers over their completed orders' pay, adjustments and tips, a tip waiting while a refund of its card payment is pending (tests/integration/billing-payroll.test.ts, payments-tips.test.ts). " +
      ordersCycle +
      ' ' +
      paymentsCycle,
  },
  'lib/finance/payroll/runs.ts': {
    tables: ['users', 'workerProfiles'],
    reason:
      workersCycle +
      ' ' +
      "The payroll bank export reads each paid worker's account details with their payslip, set-based. " +
      "A run's payslips are listed, keyset-paged and exported in the order of the worker's name, which the raw query joins from users (lib/auth's personName serves lists that only show a name).",
  },
  'lib/finance/tips.ts': {
    tables: ['orders'],
    reason:
      ordersCycle +
      ' ' +
      "A tip is checked against its visit (client, worker, status) in the tip's transaction, and the tip lists name their visit's number in the same query.",
  },
  'lib/health/index.ts': {
    tables: ['jobRuns', 'notifications'],
    reason:
      "Readiness (/api/health?ready=1) reports the outbox's backlog and each job's last success with one aggregate query each, so a probe stays two cheap reads.",
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
  'lib/payments/charges.ts': {
    tables: ['invoiceLines', 'invoices', 'orders'],
    reason:
      setBased +
      ' ' +
      "The charging sweep picks, in one statement per chunk, the open invoices with something due, a saved card and an attempt due (invoices); an invoice's charge attempts are listed with the invoice's or visit's number and status in one query, its visits' attempts found through its lines (tests/integration/payments-charges.test.ts).",
  },
  'lib/payments/charge-visits.ts': {
    tables: ['invoiceLines', 'invoices', 'orders', 'services', 'users'],
    reason:
      setBased +
      ' ' +
      "Per-visit charging: the sweep picks, in one statement per chunk, the completed visits past review with a saved card and nothing paid on them (orders, invoice lines and invoices); a visit's charge reads what it still owes with the client's email and the service's name in one query (tests/integration/payments-charge-visits.test.ts).",
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
  'lib/quality/analytics-queries.ts': {
    tables: ['adjustments', 'orderEvents', 'orderFeedback', 'orders', 'services', 'users', 'zones'],
    reason:
      setBased +
      ' ' +
      'The cancelled and failed analysis and worker performance: aggregates over orders, their events, feedback and fines, grouped by service, zone or worker, one statement each.',
  },
  'lib/quality/order-stats.ts': {
    tables: ['orderEvents', 'orders'],
    reason:
      setBased +
      ' ' +
      "The daily rollups the analysis and worker performance read, kept by delta in each order transition's transaction from the order and its events in one statement, and rebuilt from them set-based (rebuildOrderStats).",
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
