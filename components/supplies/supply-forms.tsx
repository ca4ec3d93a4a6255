'use client';
import { useState, useTransition } from 'react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import {
  chargeShortfallAction,
  createSupplyAction,
  moveStockAction,
  resolveShortfallAction,
  setBomAction,
} from '@/app/admin/supplies/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';
import { useShortStock } from './short-stock';
import { SupplySelect } from './supply-select';
import { stockMoveInput, supplyInput } from '@/lib/supplies/shared';

export function NewSupplyForm() {
  const t = useTranslations('supplies');
  const empty = { nameRu: '', nameEn: '', unit: '', unitEn: '', unitCost: '', lowStockThreshold: 0 };
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    supplyInput,
    empty,
    (values) => createSupplyAction(values),
    {
      onSuccess: () => form.reset(empty),
      refresh: true,
    },
  );
  return (
    <form noValidate className="grid gap-3 sm:grid-cols-5" onSubmit={onSubmit}>
      <TextField label={t('nameRu')} error={errors.nameRu?.message} {...form.register('nameRu')} />
      <TextField label={t('nameEn')} error={errors.nameEn?.message} {...form.register('nameEn')} />
      <TextField label={t('unit')} error={errors.unit?.message} {...form.register('unit')} />
      <TextField label={t('unitEn')} error={errors.unitEn?.message} {...form.register('unitEn')} />
      <TextField
        label={t('unitCost')}
        inputMode="decimal"
        error={errors.unitCost?.message}
        {...form.register('unitCost')}
      />
      <TextField
        label={t('threshold')}
        type="number"
        inputMode="numeric"
        error={errors.lowStockThreshold?.message}
        {...form.register('lowStockThreshold')}
      />
      <div className="space-y-2 sm:col-span-5">
        <FormMessage message={message} />
        <Button type="submit" disabled={isSubmitting}>
          {t('add')}
        </Button>
      </div>
    </form>
  );
}

export function StockMoveForm({ supplies }: { supplies: { id: string; label: string }[] }) {
  const t = useTranslations('supplies');
  const [notice, setNotice] = useState<string>();
  const short = useShortStock();
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    stockMoveInput,
    { supplyId: '', kind: 'received', quantity: 1, note: '' },
    (values) => {
      setNotice(undefined);
      return moveStockAction(values);
    },
    {
      explain: short.explain,
      onSuccess: (_, values) => {
        setNotice(t('recorded'));
        form.reset({ supplyId: '', kind: values.kind, quantity: 1, note: '' });
      },
      refresh: true,
    },
  );
  return (
    <form noValidate className="grid gap-3 sm:grid-cols-4" onSubmit={onSubmit}>
      <SupplySelect supplies={supplies} error={errors.supplyId?.message} {...form.register('supplyId')} />
      <SelectField label={t('movement')} {...form.register('kind')}>
        <option value="received">{t('kind.received')}</option>
        <option value="written_off">{t('kind.written_off')}</option>
      </SelectField>
      <TextField
        label={t('quantity')}
        type="number"
        inputMode="numeric"
        error={errors.quantity?.message}
        {...form.register('quantity')}
      />
      <TextField label={t('note')} error={errors.note?.message} {...form.register('note')} />
      <div className="space-y-2 sm:col-span-4">
        <FormMessage message={message} values={short.values} />
        <FormMessage tone="success" message={notice} />
        <Button type="submit" disabled={isSubmitting}>
          {t('record')}
        </Button>
      </div>
    </form>
  );
}

/** One service's bill of materials: a quantity per catalogue item (0 = not used). */
export function BomForm({
  serviceId,
  items,
  supplies,
}: {
  serviceId: string;
  items: Record<string, number>;
  supplies: { id: string; label: string }[];
}) {
  const t = useTranslations('supplies');
  const router = useRouter();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(supplies.map((s) => [s.id, String(items[s.id] ?? 0)])),
  );
  const [message, setMessage] = useState<{ text: string; tone: 'error' | 'success' }>();
  const [pending, start] = useTransition();
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await setBomAction({
            serviceId,
            items: supplies.map((s) => ({ supplyId: s.id, quantity: values[s.id] || 0 })),
          });
          setMessage(r.ok ? { text: t('saved'), tone: 'success' } : { text: r.message, tone: 'error' });
          router.refresh();
        });
      }}
    >
      <div className="grid gap-2 sm:grid-cols-3">
        {supplies.map((s) => (
          <label key={s.id} className="flex items-center justify-between gap-2 text-sm">
            <span>{s.label}</span>
            <input
              type="number"
              min={0}
              inputMode="numeric"
              className="min-h-11 w-20 rounded-lg border border-slate-300 px-2"
              value={values[s.id]}
              onChange={(e) => setValues((v) => ({ ...v, [s.id]: e.target.value }))}
            />
          </label>
        ))}
      </div>
      <FormMessage message={message?.text} tone={message?.tone} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {t('saveBom')}
      </Button>
    </form>
  );
}

export function ResolveShortfallButton({ movementId }: { movementId: number }) {
  const t = useTranslations('supplies');
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      type="button"
      variant="secondary"
      className="min-h-9 px-3 py-1"
      disabled={pending}
      onClick={() =>
        start(async () => {
          await resolveShortfallAction({ movementId });
          router.refresh();
        })
      }
    >
      {t('resolve')}
    </Button>
  );
}

/** Charges the worker for the uncovered usage (shortfall × unit cost) and resolves the shortfall; a double click posts once. */
export function ChargeShortfallButton({ movementId }: { movementId: number }) {
  const t = useTranslations('supplies');
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string>();
  return (
    <span className="flex flex-wrap items-center gap-2">
      <FormMessage message={message} />
      <Button
        type="button"
        className="min-h-9 px-3 py-1"
        disabled={pending}
        onClick={() =>
          start(async () => {
            setMessage(undefined);
            const result = await chargeShortfallAction({ movementId });
            if (!result.ok) return setMessage(result.message);
            router.refresh();
          })
        }
      >
        {t('charge')}
      </Button>
    </span>
  );
}
