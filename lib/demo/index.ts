import 'server-only';
// lib/demo: the demo company (zones, services, people, a history of orders, invoices and payroll) that
// `next dev`, the e2e server and `BRIGADA_DEMO=1 npm run db:seed` start with. It sits above every other module
// and writes through their functions where they have them; nothing imports it but the entry points.
export { seedIfEmpty, demoLogins, DEMO_PASSWORD } from './seed';
