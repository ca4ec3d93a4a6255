import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { buttonClass } from '@/components/ui/button';
import { getDb } from '@/db';
import { verifyEmail } from '@/lib/auth';
import { DomainError } from '@/lib/errors';

// The token is in the URL: keep it out of search engines and out of the Referer of links on this page.
export const metadata = { robots: { index: false }, referrer: 'no-referrer' as const };
export const dynamic = 'force-dynamic';

/**
 * Following the emailed link confirms the address; no sign-in needed, since it may be opened on another
 * device. Opening it twice says the link is used, which does not undo the first confirmation.
 */
export default async function VerifyEmailPage({ params }: PageProps<'/verify-email/[token]'>) {
  const { token } = await params;
  const t = await getTranslations('auth');
  const done = await verifyEmail(await getDb(), token).then(
    () => true,
    (error: unknown) => {
      if (error instanceof DomainError) return false;
      throw error;
    },
  );
  return (
    <Card title={done ? t('verifyDoneTitle') : t('verifyInvalidTitle')}>
      <p role={done ? 'status' : 'alert'} className="mb-4 text-slate-700">
        {done ? t('verifyDoneText') : t('verifyInvalidText')}
      </p>
      <Link href="/orders" className={buttonClass('primary', 'w-full')}>
        {t('verifyContinue')}
      </Link>
    </Card>
  );
}
