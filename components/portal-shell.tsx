import Link from 'next/link';
import type { ReactNode } from 'react';
import { getTranslations } from 'next-intl/server';
import type { Actor } from '@/lib/actor';
import { signOutAction } from '@/app/(auth)/actions';
import { LanguageSwitcher } from './language-switcher';
import { PortalNav, type NavItem } from './portal-nav';

/** The frame of every portal: brand, navigation (a scrollable bar on phones), the user and sign-out. */
export async function PortalShell({ actor, nav, children }: { actor: Actor; nav: NavItem[]; children: ReactNode }) {
  const t = await getTranslations('common');
  return (
    <div className="flex min-h-screen flex-col">
      <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-2 px-4 py-2">
          <Link href="/" className="text-lg font-bold text-emerald-800">
            {t('brand')}
          </Link>
          <div className="flex items-center gap-2">
            <span className="hidden text-sm text-slate-600 sm:inline" data-testid="current-user">
              {actor.name} · {t(`roles.${actor.role}`)}
            </span>
            <LanguageSwitcher />
            <form action={signOutAction}>
              <button type="submit" className="min-h-9 rounded-lg px-3 text-sm text-slate-700 hover:bg-slate-100">
                {t('signOut')}
              </button>
            </form>
          </div>
        </div>
        <PortalNav items={nav} />
      </header>
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">{children}</main>
    </div>
  );
}
