import type { Metadata, Viewport } from 'next';
import { GeistSans } from 'geist/font/sans';
import { GeistMono } from 'geist/font/mono';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getTranslations } from 'next-intl/server';
import './globals.css';

// Every page names itself (its generateMetadata); the template adds the brand: "Заказ BR-2026-000012 — Бригада".
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('common');
  const brand = t('brand');
  return {
    title: { default: brand, template: `%s — ${brand}` },
    description: t('description'),
    applicationName: brand,
  };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#047857' };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale} className={`${GeistSans.variable} ${GeistMono.variable}`}>
      <body className="min-h-screen font-sans">
        <NextIntlClientProvider>{children}</NextIntlClientProvider>
      </body>
    </html>
  );
}
