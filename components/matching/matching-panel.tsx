import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { buttonClass } from '@/components/ui/button';
import { getDb } from '@/db';
import { requireRole } from '@/lib/session';
import { listExplanations } from '@/lib/matching';
import { Explanations } from './explanations';

/**
 * Why the order has its worker, for the manager's order page (G embeds it): the stored explanations and a
 * link to the dispatch page where the order can be assigned or reassigned by hand.
 */
export async function MatchingPanel({ orderId }: { orderId: string }) {
  const actor = await requireRole('manager', 'admin');
  const items = await listExplanations(await getDb(), actor, orderId);
  const t = await getTranslations('matching');
  return (
    <Card title={t('panelTitle')}>
      <Explanations items={items} />
      <Link href={`/admin/dispatch/${orderId}`} className={buttonClass('secondary', 'mt-3')}>
        {t('panelLink')}
      </Link>
    </Card>
  );
}
