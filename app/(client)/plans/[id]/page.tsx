import { PlanView } from '@/components/plans/plan-view';
import { getDb } from '@/db';
import { orNotFound } from '@/lib/page';
import { requireRole } from '@/lib/session';
import { getPlan } from '@/lib/plans';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('plans', 'title');

// A recurring plan: its schedule, the regular cleaner, the next visits (each an ordinary order, skipped or
// moved on its own page) and the past ones, the dates it skipped, and pause / end.
export default async function PlanPage({ params }: PageProps<'/plans/[id]'>) {
  const actor = await requireRole('client');
  const { id } = await params;
  const plan = await orNotFound(id, async () => getPlan(await getDb(), actor, id));
  return <PlanView plan={plan} visitHref={(orderId) => `/orders/${orderId}`} planBase="/plans/" />;
}
