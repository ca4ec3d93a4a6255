import { z } from 'zod';
import { defineKind, fmt, money, orderRef, priceLine, sampleOrder } from '../define';
import { Action, EmailLayout, OrderFacts, P, PriceLines } from '../components/layout';
import { amount } from '../format';

export const workerMatched = defineKind({
  essential: true,
  audience: 'client',
  schema: z.object({
    order: orderRef,
    workerName: z.string().min(1),
    priceLines: z.array(priceLine),
    priceTotal: money,
    /** The client's cap, when the price is above it and their consent is asked for. */
    consentCap: money.nullable().default(null),
    /** A recurring plan's visit done by someone other than the regular cleaner. */
    substitute: z.boolean().default(false),
    /** The day's re-plan gave the order to another cleaner than the one named before (the price is the same). */
    replanned: z.boolean().default(false),
  }),
  strings: {
    ru: {
      subject: 'Исполнитель назначен: заказ {number}',
      heading: 'Исполнитель назначен',
      body: 'Ваш заказ выполнит {worker}. Окончательная стоимость:',
      action: 'Открыть заказ',
      consent:
        'Свободен только исполнитель, с которым цена выше обещанной вам ({cap}). Подтвердите новую цену на странице заказа или отмените заказ — бесплатно.',
      consentAction: 'Подтвердить или отменить',
      substitute:
        'Ваш постоянный исполнитель в этот раз не сможет — его заменит {worker}. Следующие визиты — как обычно.',
      replanned:
        'Мы пересобрали маршруты дня: вместо исполнителя, о котором мы писали раньше, приедет {worker}. Время и стоимость не меняются.',
    },
    en: {
      subject: 'Cleaner assigned: order {number}',
      heading: 'Your cleaner is assigned',
      body: '{worker} will do your order. The final price:',
      action: 'Open the order',
      consent:
        'Only a cleaner whose price is above the one promised to you ({cap}) is free. Accept the new price on the order page, or cancel the order free of charge.',
      consentAction: 'Accept or cancel',
      substitute: 'Your regular cleaner cannot come this time — {worker} will stand in. The next visits are as usual.',
      replanned:
        'We have re-planned the day’s routes: {worker} will come instead of the cleaner we named before. The time and the price stay the same.',
    },
  },
  subject: (d, t) => fmt(t.subject, { number: d.order.number }),
  Email: ({ data, t, ctx }) => {
    const body = fmt(t.body, { worker: data.workerName });
    return (
      <EmailLayout ctx={ctx} preview={body} heading={t.heading}>
        <OrderFacts order={data.order} ctx={ctx} />
        {data.substitute ? <P>{fmt(t.substitute, { worker: data.workerName })}</P> : null}
        {data.replanned ? <P>{fmt(t.replanned, { worker: data.workerName })}</P> : null}
        <P>{body}</P>
        <PriceLines lines={data.priceLines} total={data.priceTotal} currency={data.order.currency} ctx={ctx} />
        {data.consentCap !== null ? (
          <P>{fmt(t.consent, { cap: amount(data.consentCap, data.order.currency, ctx) })}</P>
        ) : null}
        <Action
          ctx={ctx}
          path={`/orders/${data.order.id}`}
          label={data.consentCap !== null ? t.consentAction : t.action}
        />
      </EmailLayout>
    );
  },
  sample: {
    order: sampleOrder,
    workerName: 'Анна',
    priceLines: [
      {
        code: 'base',
        labelRu: 'Уборка, 60 м²',
        labelEn: 'Cleaning, 60 m²',
        quantity: 60,
        unitPrice: 9000,
        amount: 540000,
      },
      { code: 'grade', labelRu: 'Опытный исполнитель', labelEn: 'Senior cleaner', amount: 54000 },
    ],
    priceTotal: 594000,
  },
});
