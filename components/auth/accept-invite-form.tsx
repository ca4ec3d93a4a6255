'use client';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { acceptInviteInput } from '@/lib/auth/shared';
import { acceptInviteAction } from '@/app/(auth)/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { applyServerErrors } from '@/components/form-errors';

type In = z.input<typeof acceptInviteInput>;
type Out = z.output<typeof acceptInviteInput>;

export function AcceptInviteForm({ token }: { token: string }) {
  const t = useTranslations('auth');
  const [message, setMessage] = useState<string>();
  const form = useForm<In, unknown, Out>({
    resolver: zodResolver(acceptInviteInput),
    defaultValues: { token, password: '', confirm: '' },
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit(async (values) => {
        setMessage(undefined);
        const result = await acceptInviteAction(values);
        if (!result.ok) setMessage(applyServerErrors(form, result));
      })}
    >
      <TextField
        label={t('password')}
        type="password"
        autoComplete="new-password"
        hint={t('passwordHint')}
        error={errors.password?.message}
        {...form.register('password')}
      />
      <TextField
        label={t('confirmPassword')}
        type="password"
        autoComplete="new-password"
        error={errors.confirm?.message}
        {...form.register('confirm')}
      />
      <FormMessage message={message} />
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {t('inviteSubmit')}
      </Button>
    </form>
  );
}
