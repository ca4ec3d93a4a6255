'use client';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { inviteInput } from '@/lib/auth/shared';
import { inviteAction } from '@/app/admin/users/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';

export function InviteForm({ ttlDays }: { ttlDays: number }) {
  const t = useTranslations('admin');
  const ta = useTranslations('auth');
  const tc = useTranslations('common');
  const [created, setCreated] = useState<{ email: string; url: string }>();
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    inviteInput,
    { name: '', email: '', role: 'worker', locale: 'ru' },
    (values) => {
      setCreated(undefined);
      return inviteAction(values);
    },
    {
      onSuccess: (data) => {
        if (data) setCreated({ email: data.email, url: `${window.location.origin}${data.path}` });
        form.reset();
      },
    },
  );
  return (
    <form noValidate className="grid gap-4 sm:grid-cols-2" onSubmit={onSubmit}>
      <TextField label={ta('name')} error={errors.name?.message} {...form.register('name')} />
      <TextField label={ta('email')} type="email" error={errors.email?.message} {...form.register('email')} />
      <SelectField label={t('role')} error={errors.role?.message} {...form.register('role')}>
        <option value="worker">{tc('roles.worker')}</option>
        <option value="manager">{tc('roles.manager')}</option>
      </SelectField>
      <SelectField label={tc('language')} {...form.register('locale')}>
        <option value="ru">Русский</option>
        <option value="en">English</option>
      </SelectField>
      <div className="sm:col-span-2 space-y-3">
        <FormMessage message={message} />
        {created ? (
          <div role="status" className="rounded-lg bg-emerald-50 p-3 text-sm text-emerald-900">
            <p>{t('inviteCreated', { email: created.email, days: ttlDays })}</p>
            <code data-testid="invite-link" className="mt-1 block break-all font-mono">
              {created.url}
            </code>
          </div>
        ) : null}
        <Button type="submit" disabled={isSubmitting}>
          {t('inviteSubmit')}
        </Button>
      </div>
    </form>
  );
}
