import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '@/components/ui/card';
import { getDb } from '@/db';
import { listMailbox, mailboxEnabled } from '@/lib/notifications';
import { titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('notifications', 'mailboxTitle', { robots: { index: false } });

/** Every email the development mailbox received, newest first. Exists only when no provider is configured. */
export default async function MailboxPage({ searchParams }: PageProps<'/dev/mailbox'>) {
  if (!mailboxEnabled()) notFound();
  const sp = await searchParams;
  const to = typeof sp.to === 'string' ? sp.to.slice(0, 200) : undefined;
  const emails = await listMailbox(await getDb(), { to });
  const t = await getTranslations('notifications');
  const format = await getFormatter();
  return (
    <main className="mx-auto max-w-3xl space-y-4 p-4">
      <PageTitle>{t('mailboxTitle')}</PageTitle>
      <p className="text-sm text-slate-600">{t('mailboxIntro')}</p>
      <Card>
        <form className="mb-4 flex flex-wrap gap-2" role="search">
          <input
            name="to"
            type="search"
            defaultValue={to}
            placeholder={t('mailboxFilter')}
            aria-label={t('mailboxFilter')}
            className="min-h-11 flex-1 rounded-lg border border-slate-300 px-3"
          />
          <button className="min-h-11 rounded-lg border border-slate-300 px-4">{t('filter')}</button>
        </form>
        {emails.length === 0 ? <p className="text-slate-500">{t('mailboxEmpty')}</p> : null}
        <ul className="divide-y divide-slate-100">
          {emails.map((e) => (
            <li key={e.id} data-testid="mailbox-email" data-kind={e.kind} data-to={e.toEmail}>
              <Link href={`/dev/mailbox/${e.id}`} className="block py-3 hover:bg-slate-50">
                <p className="font-medium">{e.subject}</p>
                <p className="text-sm text-slate-500">
                  {e.toName} &lt;{e.toEmail}&gt; · {e.kind} ·{' '}
                  {format.dateTime(e.sentAt, { dateStyle: 'short', timeStyle: 'medium' })}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      </Card>
    </main>
  );
}
