import type { MetadataRoute } from 'next';
import { getTranslations } from 'next-intl/server';
import { requestLocale } from '@/lib/i18n';

// The worker portal installs as an app on the worker's phone. The manifest lives outside /worker so that the
// browser can fetch it without the session cookie (the proxy sends /worker/* without one to sign in); it says
// nothing private. Linked from app/worker/layout.tsx only: clients and staff get no install prompt.
export async function GET(): Promise<Response> {
  const locale = await requestLocale();
  const t = await getTranslations({ locale, namespace: 'common' });
  const manifest: MetadataRoute.Manifest = {
    id: '/worker',
    name: t('workerApp.name'),
    short_name: t('workerApp.shortName'),
    description: t('workerApp.description'),
    lang: locale,
    start_url: '/worker',
    scope: '/worker',
    display: 'standalone',
    orientation: 'portrait',
    background_color: '#ffffff',
    theme_color: '#047857',
    icons: [
      { src: '/icons/brigada.svg', sizes: 'any', type: 'image/svg+xml' },
      { src: '/icons/brigada-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icons/brigada-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icons/brigada-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
  return new Response(JSON.stringify(manifest), {
    headers: {
      'Content-Type': 'application/manifest+json; charset=utf-8',
      // In the reader's language, chosen by cookie or Accept-Language.
      'Cache-Control': 'private, max-age=3600',
      Vary: 'Cookie, Accept-Language',
    },
  });
}
