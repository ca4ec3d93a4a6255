import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PlanView } from '@/components/plans/plan-view';
import { getDb } from '@/db';
import { orNotFound } from '@/lib/page';
import { requireRole } from '@/lib/session';
import { getPlan } from '@/lib/plans';
import {
  staffChangePlanAction,
  staffEndPlanAction,
  staffHolidayRuleAction,
  staffPausePlanAction,
  staffResumePlanAction,
  staffSetRegularAction,
} from '../actions';
import { Card } from '@/components/ui/card';
import { PlanRegularForm } from '@/components/plans/plan-regular-form';
import { listWorkers } from '@/lib/workers';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('plans', 'title');

// A client's plan for staff: the same view, with pause / resume / change / holidays / end on the client's behalf (audited, emailed).
export default async function StaffPlanPage({ params }: PageProps<'/admin/plans/[id]'>) {
  const actor = await requireRole('manager', 'admin');
  const { id } = await params;
  const db = await getDb();
  const plan = await orNotFound(id, async () => getPlan(db, actor, id));
  const t = await getTranslations('plans');
  const workers = plan.status === 'ended' ? [] : await listWorkers(db, actor, { active: true, zoneId: plan.zoneId });
  return (
    <div className="space-y-3">
      <Link href="/admin/plans" className="text-sm text-emerald-800 underline">
        ← {t('staffTitle')}
      </Link>
      <PlanView
        plan={plan}
        visitHref={(orderId) => `/admin/orders/${orderId}`}
        planBase="/admin/plans/"
        actions={{
          end: staffEndPlanAction,
          pause: staffPausePlanAction,
          resume: staffResumePlanAction,
          change: staffChangePlanAction,
          holidays: staffHolidayRuleAction,
        }}
      />
      {plan.status !== 'ended' ? (
        <Card title={t('regularWorker')}>
          <PlanRegularForm
            planId={plan.id}
            workers={workers.filter((w) => !w.disabled).map((w) => ({ id: w.id, name: w.name }))}
            submit={staffSetRegularAction}
          />
        </Card>
      ) : null}
    </div>
  );
}
