'use client';
import { useRef, useState, type BaseSyntheticEvent } from 'react';
import { useTranslations } from 'next-intl';
import { issueSupplyAction, returnSupplyAction } from '@/app/admin/supplies/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import { useActionForm } from '@/components/use-action-form';
import { useShortStock } from './short-stock';
import { SupplySelect } from './supply-select';
import { issueInput } from '@/lib/supplies/shared';

/** Issue to (or take back from) a worker. With no worker given, the form asks for one. */
export function IssueSupplyForm({
  workerId,
  workers,
  supplies,
}: {
  workerId?: string;
  workers?: { id: string; name: string }[];
  supplies: { id: string; label: string }[];
}) {
  const t = useTranslations('supplies');
  const kind = useRef<'issue' | 'return'>('issue');
  const [notice, setNotice] = useState<string>();
  const short = useShortStock();
  const { form, errors, isSubmitting, message, onSubmit } = useActionForm(
    issueInput,
    { workerId: workerId ?? '', supplyId: '', quantity: 1, note: '' },
    (values) => {
      setNotice(undefined);
      return kind.current === 'issue' ? issueSupplyAction(values) : returnSupplyAction(values);
    },
    {
      explain: short.explain,
      onSuccess: (_, values) => {
        setNotice(kind.current === 'issue' ? t('issued') : t('returned'));
        form.reset({ workerId: workerId ?? values.workerId, supplyId: '', quantity: 1, note: '' });
      },
      refresh: true,
    },
  );
  const issue = (e: BaseSyntheticEvent) => {
    kind.current = 'issue';
    return onSubmit(e);
  };
  const takeBack = (e: BaseSyntheticEvent) => {
    kind.current = 'return';
    return onSubmit(e);
  };
  return (
    <form noValidate className="grid gap-3 sm:grid-cols-4" onSubmit={issue}>
      {workers ? (
        <SelectField label={t('worker')} error={errors.workerId?.message} {...form.register('workerId')}>
          <option value="">{t('chooseWorker')}</option>
          {workers.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </SelectField>
      ) : null}
      <SupplySelect supplies={supplies} error={errors.supplyId?.message} {...form.register('supplyId')} />
      <TextField
        label={t('quantity')}
        type="number"
        inputMode="numeric"
        min={1}
        error={errors.quantity?.message}
        {...form.register('quantity')}
      />
      <TextField label={t('note')} error={errors.note?.message} {...form.register('note')} />
      <div className="flex flex-wrap gap-2 sm:col-span-4">
        <Button type="submit" disabled={isSubmitting}>
          {t('issue')}
        </Button>
        <Button type="button" variant="secondary" disabled={isSubmitting} onClick={takeBack}>
          {t('takeBack')}
        </Button>
      </div>
      <div className="sm:col-span-4">
        <FormMessage message={message} values={short.values} />
        <FormMessage tone="success" message={notice} />
      </div>
    </form>
  );
}
