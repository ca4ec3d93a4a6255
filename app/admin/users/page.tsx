import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { InviteForm } from '@/components/admin/invite-form';
import { DisableUserButton, ResetTwoFactorButton } from '@/components/admin/disable-user-button';
import { ListPager } from '@/components/ui/pager';
import { getDb } from '@/db';
import { INVITE_TTL_DAYS, listInvites, listUsers } from '@/lib/auth';
import { requireRole } from '@/lib/session';
import { ListFilters } from '@/components/ui/list-filters';
import { roleEnum, type Role } from '@/db/schema/auth';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('admin', 'usersTitle');

export default async function UsersPage({ searchParams }: PageProps<'/admin/users'>) {
  const actor = await requireRole('admin');
  const sp = await searchParams;
  const q = typeof sp.q === 'string' ? sp.q.slice(0, 100) : undefined;
  const role = (roleEnum.enumValues as readonly string[]).includes(String(sp.role)) ? (sp.role as Role) : undefined;
  const db = await getDb();
  const cursor = typeof sp.cursor === 'string' ? sp.cursor : undefined;
  const [page, invites] = await Promise.all([listUsers(db, actor, { q, role, cursor }), listInvites(db, actor)]);
  const users = page.items;
  const t = await getTranslations('admin');
  const tc = await getTranslations('common');
  const ts = await getTranslations('security');
  const format = await getFormatter();
  const now = new Date();
  return (
    <div className="space-y-6">
      <PageTitle>{t('usersTitle')}</PageTitle>
      <Card title={t('inviteTitle')}>
        <InviteForm ttlDays={INVITE_TTL_DAYS} />
      </Card>
      <Card>
        <div className="mb-4">
          <ListFilters
            fields={[
              { kind: 'text', name: 'q', label: t('search'), value: q, wide: true },
              {
                kind: 'select',
                name: 'role',
                label: t('role'),
                value: role,
                all: t('allRoles'),
                options: roleEnum.enumValues.map((r) => ({ value: r, label: tc(`roles.${r}`) })),
              },
            ]}
            apply={t('filter')}
          />
        </div>
        {users.length === 0 ? <p className="text-slate-500">{t('noUsers')}</p> : null}
        <ul className="divide-y divide-slate-100">
          {users.map((u) => (
            <li
              key={u.id}
              className="flex flex-wrap items-center justify-between gap-2 py-3"
              data-testid={`user-${u.email}`}
            >
              <div>
                <p className="font-medium">{u.name}</p>
                <p className="text-sm text-slate-500">
                  {u.email} · {tc(`roles.${u.role}`)} · {u.disabled ? t('disabled') : t('active')}
                  {u.twoFactor ? (
                    <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-900">
                      {ts('twoFactorOn')}
                    </span>
                  ) : null}
                  {u.emailVerified ? null : (
                    <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900">
                      {t('emailUnverified')}
                    </span>
                  )}
                </p>
              </div>
              {u.id !== actor.id ? (
                <div className="flex flex-wrap gap-2">
                  {u.twoFactor ? <ResetTwoFactorButton userId={u.id} /> : null}
                  <DisableUserButton userId={u.id} disabled={u.disabled} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
        <ListPager page={page} path="/admin/users" params={sp} />
      </Card>
      <Card title={t('invitesTitle')}>
        <ul className="divide-y divide-slate-100 text-sm">
          {invites.map((i) => (
            <li key={i.id} className="flex flex-wrap justify-between gap-2 py-2">
              <span>
                {i.name} · {i.email} · {tc(`roles.${i.role}`)}
              </span>
              <span className="text-slate-500">
                {i.usedAt
                  ? t('inviteUsed')
                  : i.revokedAt
                    ? t('inviteRevoked')
                    : i.expiresAt < now
                      ? t('inviteExpired')
                      : t('inviteOpen', {
                          date: format.dateTime(i.expiresAt, { dateStyle: 'medium', timeStyle: 'short' }),
                        })}
              </span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
