'use client';
import { useState } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { createPhoneClientAction } from '@/app/admin/clients/actions';
import { useActionForm } from '@/components/use-action-form';
import { buttonClass, Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import { newClientInput } from '@/lib/auth/shared';
import type { PhoneClientResult } from '@/lib/clients/shared';

type Existing = Extract<PhoneClientResult, { status: 'existing' }>['client'];

/**
 * A caller not on file: name, email, phone and the language of their emails. A new client is emailed a link
 * to set a password and the booking form opens for them; an email on file offers that client instead.
 */
export function NewClientForm() {
  const t = useTranslations('clients.booking');
  const router = useRouter();
  const [existing, setExisting] = useState<Existing>();
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    newClientInput,
    { name: '', email: '', phone: '', locale: 'ru' },
    (values) => {
      setExisting(undefined);
      return createPhoneClientAction(values);
    },
    {
      onSuccess: (result) => {
        if (result?.status === 'created') router.push(`/admin/bookings/new?client=${result.clientId}&new=1`);
        else if (result?.status === 'existing') setExisting(result.client);
      },
    },
  );
  return (
    <form noValidate onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-2" data-testid="new-client-form">
      <TextField label={t('name')} autoComplete="off" error={errors.name?.message} {...form.register('name')} />
      <TextField
        label={t('phone')}
        type="tel"
        autoComplete="off"
        error={errors.phone?.message}
        {...form.register('phone')}
      />
      <TextField
        label={t('email')}
        type="email"
        autoComplete="off"
        error={errors.email?.message}
        {...form.register('email')}
      />
      <SelectField label={t('locale')} {...form.register('locale')}>
        <option value="ru">Русский</option>
        <option value="en">English</option>
      </SelectField>
      {existing ? (
        <div
          role="status"
          className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm sm:col-span-2"
          data-testid="existing-client"
        >
          <p>{t('emailOnFile', { name: existing.name, email: existing.email })}</p>
          {existing.phone ? <p className="text-slate-700">{existing.phone}</p> : null}
          <Link href={`/admin/bookings/new?client=${existing.id}`} className={buttonClass('primary')}>
            {t('bookForExisting', { name: existing.name })}
          </Link>
        </div>
      ) : null}
      <div className="space-y-2 sm:col-span-2">
        <FormMessage message={message} />
        <p className="text-sm text-slate-600">{t('inviteHint')}</p>
        <Button type="submit" disabled={isSubmitting}>
          {t('createClient')}
        </Button>
      </div>
    </form>
  );
}
