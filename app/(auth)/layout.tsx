import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitcher } from '@/components/language-switcher';

export default async function AuthLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations('common');
  return (
    <div className="min-h-screen">
      <header className="mx-auto flex max-w-md items-center justify-between px-4 py-4">
        <Link href="/" className="text-lg font-bold text-emerald-800">
          {t('brand')}
        </Link>
        <LanguageSwitcher />
      </header>
      <main className="mx-auto max-w-md px-4 pb-12">{children}</main>
    </div>
  );
}
