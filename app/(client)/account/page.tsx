import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db';
import { LanguageSwitcher } from '@/components/language-switcher';
import { AddressForm, ContactForm, DeleteAddressButton, EmailPrefsForm } from '@/components/orders/account-forms';
import { Card, PageTitle } from '@/components/ui/card';
import { requireRole } from '@/lib/session';
import { getClientAccount } from '@/lib/orders';
import { listZones } from '@/lib/settings';
import { pageLocale, titleFrom } from '@/lib/i18n';

export const generateMetadata = titleFrom('orders', 'account.title');

export default async function AccountPage() {
  const actor = await requireRole('client');
  const t = await getTranslations('orders');
  const locale = await pageLocale();
  const db = await getDb();
  const [account, zones] = await Promise.all([getClientAccount(db, actor), listZones(db, locale)]);
  return (
    <>
      <PageTitle>{t('account.title')}</PageTitle>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t('account.contact')}>
          <p className="mb-3 text-sm text-slate-600">
            {t('account.email')}: <span className="font-medium text-slate-900">{account.email}</span>
          </p>
          <ContactForm defaults={{ name: account.name, phone: account.phone }} />
        </Card>
        <div className="space-y-4">
          <Card title={t('account.language')}>
            <LanguageSwitcher />
          </Card>
          {account.emailKinds.length > 0 ? (
            <Card title={t('account.emailPrefs')}>
              <p className="mb-2 text-sm text-slate-600">{t('account.emailPrefsHint')}</p>
              <EmailPrefsForm
                kinds={account.emailKinds.map((k) => ({
                  ...k,
                  label: t.has(`account.emailKind.${k.kind}`) ? t(`account.emailKind.${k.kind}`) : k.kind,
                }))}
              />
            </Card>
          ) : null}
        </div>
        <Card title={t('account.addresses')} className="lg:col-span-2">
          {account.addresses.length === 0 ? (
            <p className="mb-3 text-sm text-slate-500">{t('account.noAddresses')}</p>
          ) : (
            <ul className="mb-4 divide-y divide-slate-100" data-testid="saved-addresses">
              {account.addresses.map((a) => (
                <li key={a.id} className="flex items-center justify-between gap-2 py-2 text-sm">
                  <span className="min-w-0 break-words">
                    {a.label ? <span className="font-medium">{a.label}: </span> : null}
                    {a.address} · {locale === 'ru' ? a.zoneNameRu : a.zoneNameEn}
                  </span>
                  <DeleteAddressButton addressId={a.id} />
                </li>
              ))}
            </ul>
          )}
          <AddressForm zones={zones.map((z) => ({ id: z.id, name: z.name }))} />
        </Card>
      </div>
    </>
  );
}
