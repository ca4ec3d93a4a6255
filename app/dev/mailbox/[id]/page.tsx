import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { EmailFrame, PlainText } from '@/components/notifications/email-frame';
import { getDb } from '@/db';
import { orNotFound } from '@/lib/page';
import { getMailboxEmail, mailboxEnabled } from '@/lib/notifications';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('notifications', 'emailTitle', { robots: { index: false } });

export default async function MailboxEmailPage({ params }: PageProps<'/dev/mailbox/[id]'>) {
  if (!mailboxEnabled()) notFound();
  const { id } = await params;
  const email = await orNotFound(id, async () => getMailboxEmail(await getDb(), id));
  const t = await getTranslations('notifications');
  const format = await getFormatter();
  return (
    <main className="mx-auto max-w-3xl space-y-4 p-4">
      <Link href="/dev/mailbox" className="text-sm text-emerald-800">
        ← {t('mailboxBack')}
      </Link>
      <Card>
        <h1 className="text-xl font-semibold" data-testid="email-subject">
          {email.subject}
        </h1>
        <p className="mb-3 text-sm text-slate-500">
          {t('to')}: {email.toName} &lt;{email.toEmail}&gt; · {email.kind} ·{' '}
          {format.dateTime(email.sentAt, { dateStyle: 'medium', timeStyle: 'medium' })}
        </p>
        <EmailFrame html={email.html} title={email.subject} />
        <PlainText text={email.text} label={t('plainText')} />
      </Card>
    </main>
  );
}
