import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import type { Role } from '@/db/schema';
import { requireRole } from '@/lib/session';
import type { NavEntry } from '@/lib/navigation';
import { PortalShell } from './portal-shell';

/** Guards a portal by role and frames it with its navigation (entries filtered by the actor's role). */
export async function PortalLayout({ roles, nav, children }: { roles: Role[]; nav: NavEntry[]; children: ReactNode }) {
  const actor = await requireRole(...roles);
  const t = await getTranslations('portal');
  const items = nav
    .filter((e) => !e.roles || e.roles.includes(actor.role))
    .map((e) => ({ href: e.href, label: t(e.label) }));
  return (
    <PortalShell actor={actor} nav={items}>
      {children}
    </PortalShell>
  );
}
