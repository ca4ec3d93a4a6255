'use client';
import { forwardRef, type SelectHTMLAttributes } from 'react';
import { useTranslations } from 'next-intl';
import { SelectField } from '@/components/ui/field';

export type SupplyOption = { id: string; label: string };

/** The item a stock movement moves: every form that moves stock picks it the same way. */
export const SupplySelect = forwardRef<
  HTMLSelectElement,
  { supplies: SupplyOption[]; error?: string } & SelectHTMLAttributes<HTMLSelectElement>
>(function SupplySelect({ supplies, error, ...props }, ref) {
  const t = useTranslations('supplies');
  return (
    <SelectField ref={ref} label={t('item')} error={error} {...props}>
      <option value="">{t('chooseItem')}</option>
      {supplies.map((s) => (
        <option key={s.id} value={s.id}>
          {s.label}
        </option>
      ))}
    </SelectField>
  );
});
