'use client';
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import {
  addAddressAction,
  deleteAddressAction,
  setEmailPrefsAction,
  updateContactAction,
} from '@/app/(client)/account/actions';
import { useActionForm } from '@/components/use-action-form';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import type { FormState } from '@/lib/errors';
import { addressInput, contactInput, type AddressInput, type ContactInput } from '@/lib/orders/shared';

type Saved = Promise<FormState<unknown>>;

/** Name and phone: the client's own (their account action), or a client's on staff's record page (`save`). */
export function ContactForm({
  defaults,
  save = updateContactAction,
}: {
  defaults: { name: string; phone: string };
  save?: (input: ContactInput) => Saved;
}) {
  const t = useTranslations('orders');
  const tc = useTranslations('common');
  const [notice, setNotice] = useState<string>();
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    contactInput,
    defaults,
    (input) => {
      setNotice(undefined);
      return save(input);
    },
    { onSuccess: () => setNotice(t('account.saved')), refresh: true },
  );
  return (
    <form noValidate className="space-y-3" onSubmit={onSubmit}>
      <TextField
        label={t('account.name')}
        autoComplete="name"
        error={errors.name?.message}
        {...form.register('name')}
      />
      <TextField
        label={t('account.phone')}
        type="tel"
        autoComplete="tel"
        error={errors.phone?.message}
        {...form.register('phone')}
      />
      <FormMessage message={message} />
      <FormMessage tone="success" message={notice} />
      <Button type="submit" disabled={isSubmitting}>
        {tc('save')}
      </Button>
    </form>
  );
}

/**
 * A saved address with its access notes (door code, pets, parking): the client's own new one by default;
 * staff pass `save` (bound to the client, and to the address when editing it) and the current `defaults`.
 */
export function AddressForm({
  zones,
  save = addAddressAction,
  defaults = { label: '', address: '', zoneId: '', accessNotes: '' },
  submitLabel,
}: {
  zones: { id: string; name: string }[];
  save?: (input: AddressInput) => Saved;
  defaults?: { label: string; address: string; zoneId: string; accessNotes: string };
  submitLabel?: string;
}) {
  const t = useTranslations('orders');
  const editing = defaults.address !== '';
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    addressInput,
    defaults,
    (input) => save(input),
    {
      onSuccess: () => {
        if (!editing) form.reset();
      },
      refresh: true,
    },
  );
  return (
    <form noValidate className="grid gap-3 sm:grid-cols-2" onSubmit={onSubmit}>
      <TextField
        label={t('account.label')}
        hint={t('account.labelHint')}
        error={errors.label?.message}
        {...form.register('label')}
      />
      <SelectField label={t('form.zone')} error={errors.zoneId?.message} {...form.register('zoneId')}>
        <option value="">{t('form.chooseZone')}</option>
        {zones.map((z) => (
          <option key={z.id} value={z.id}>
            {z.name}
          </option>
        ))}
      </SelectField>
      <div className="sm:col-span-2">
        <TextField
          label={t('form.address')}
          hint={t('form.addressHint')}
          error={errors.address?.message}
          {...form.register('address')}
        />
      </div>
      <div className="sm:col-span-2">
        <TextField
          label={t('form.accessNotes')}
          hint={t('form.accessNotesHint')}
          error={errors.accessNotes?.message}
          {...form.register('accessNotes')}
        />
      </div>
      <div className="space-y-2 sm:col-span-2">
        <FormMessage message={message} />
        <Button type="submit" variant="secondary" disabled={isSubmitting}>
          {submitLabel ?? t('account.addAddress')}
        </Button>
      </div>
    </form>
  );
}

export function DeleteAddressButton({
  addressId,
  remove = (id) => deleteAddressAction({ addressId: id }),
}: {
  addressId: string;
  remove?: (addressId: string) => Saved;
}) {
  const t = useTranslations('orders');
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      variant="ghost"
      disabled={pending}
      onClick={() =>
        start(async () => {
          await remove(addressId);
          router.refresh();
        })
      }
    >
      {t('account.delete')}
    </Button>
  );
}

export function EmailPrefsForm({ kinds }: { kinds: { kind: string; label: string; enabled: boolean }[] }) {
  const t = useTranslations('orders');
  const [enabled, setEnabled] = useState(() => Object.fromEntries(kinds.map((k) => [k.kind, k.enabled])));
  const [message, setMessage] = useState<{ text: string; tone: 'error' | 'success' }>();
  const [pending, start] = useTransition();
  return (
    <form
      className="space-y-2"
      onSubmit={(ev) => {
        ev.preventDefault();
        start(async () => {
          const result = await setEmailPrefsAction({
            optOut: kinds.filter((k) => !enabled[k.kind]).map((k) => k.kind),
          });
          setMessage(
            result.ok ? { text: t('account.saved'), tone: 'success' } : { text: result.message, tone: 'error' },
          );
        });
      }}
    >
      {kinds.map((k) => (
        <label key={k.kind} className="flex min-h-11 items-center gap-3 text-sm">
          <input
            type="checkbox"
            className="size-5"
            checked={enabled[k.kind]}
            onChange={(e) => setEnabled((s) => ({ ...s, [k.kind]: e.target.checked }))}
          />
          {k.label}
        </label>
      ))}
      <FormMessage message={message?.text} tone={message?.tone} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {t('account.savePrefs')}
      </Button>
    </form>
  );
}
