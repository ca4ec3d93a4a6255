import { z } from 'zod';
import { defineKind, fmt, icu, localized } from '../define';
import { Action, EmailLayout, Facts, P } from '../components/layout';

export const suppliesLow = defineKind({
  essential: false,
  audience: 'manager',
  schema: z.object({
    items: z
      .array(
        z.object({
          supplyId: z.string(),
          name: localized,
          stock: z.number(),
          threshold: z.number(),
          unit: z.union([z.string(), localized]),
        }),
      )
      .min(1),
  }),
  strings: {
    ru: {
      subject:
        'Заканчиваются расходники: {count, plural, one {# позиция} few {# позиции} many {# позиций} other {# позиции}}',
      heading: 'Мало расходных материалов',
      body: 'Остаток ниже порога. Пора пополнить склад.',
      line: '{stock} {unit} (порог {threshold})',
      action: 'Открыть склад',
    },
    en: {
      subject: 'Supplies running low: {count, plural, one {# item} other {# items}}',
      heading: 'Supplies running low',
      body: 'Stock is below the threshold. Time to restock.',
      line: '{stock} {unit} (threshold {threshold})',
      action: 'Open supplies',
    },
  },
  subject: (d, t, ctx) => icu(ctx.locale, t.subject, { count: d.items.length }),
  Email: ({ data, t, ctx }) => (
    <EmailLayout ctx={ctx} preview={t.body} heading={t.heading}>
      <P>{t.body}</P>
      <Facts
        rows={data.items.map((i): [string, string] => [
          i.name[ctx.locale],
          fmt(t.line, {
            stock: i.stock,
            unit: typeof i.unit === 'string' ? i.unit : i.unit[ctx.locale],
            threshold: i.threshold,
          }),
        ])}
      />
      <Action ctx={ctx} path="/admin/supplies" label={t.action} />
    </EmailLayout>
  ),
  sample: {
    items: [
      {
        supplyId: '00000000-0000-4000-8000-000000000005',
        name: { ru: 'Средство для стёкол', en: 'Glass cleaner' },
        stock: 2,
        threshold: 5,
        unit: { ru: 'шт', en: 'pcs' },
      },
    ],
  },
});
