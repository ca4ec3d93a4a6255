import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { LanguageSwitcher } from '@/components/language-switcher';
import { homeOf } from '@/lib/auth';
import { currentActor } from '@/lib/session';

export default async function HomePage() {
  const t = await getTranslations('home');
  const common = await getTranslations('common');
  const actor = await currentActor();
  const company = 'Чистый дом';
  return (
    <div className="min-h-screen">
      <header className="mx-auto flex max-w-5xl items-center justify-between px-4 py-4">
        <span className="text-lg font-bold text-emerald-800">{common('brand')}</span>
        <div className="flex items-center gap-2">
          <LanguageSwitcher />
          {actor ? (
            <Link href={homeOf(actor.role)} className={buttonClass('secondary')}>
              {actor.name}
            </Link>
          ) : (
            <Link href="/login" className={buttonClass('secondary')}>
              {common('signIn')}
            </Link>
          )}
        </div>
      </header>
      <main className="mx-auto max-w-5xl px-4 py-10">
        <h1 className="max-w-2xl text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">{t('title')}</h1>
        <p className="mt-4 max-w-2xl text-lg text-slate-600">{t('lead', { company })}</p>
        <div className="mt-8 flex flex-wrap gap-3">
          <Link href={actor ? homeOf(actor.role) : '/signup'} className={buttonClass('primary', 'px-6 text-base')}>
            {t('cta')}
          </Link>
          {!actor && (
            <Link href="/login" className={buttonClass('ghost', 'text-base')}>
              {t('signIn')}
            </Link>
          )}
        </div>
        <ol className="mt-14 grid gap-4 sm:grid-cols-3">
          {([1, 2, 3] as const).map((n) => (
            <li key={n} className="rounded-xl border border-slate-200 bg-white p-5">
              <span className="text-sm font-semibold text-emerald-700">{n}</span>
              <h2 className="mt-1 font-semibold">{t(`how${n}Title`)}</h2>
              <p className="mt-1 text-sm text-slate-600">{t(`how${n}`)}</p>
            </li>
          ))}
        </ol>
      </main>
    </div>
  );
}
