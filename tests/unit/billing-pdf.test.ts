import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { renderInvoicePdf } from '@/lib/finance/invoices/pdf';
import { bankTransferInput } from '@/lib/payments/schemas';

const labels = {
  title: 'Счёт INV-2026-000042',
  client: 'Клиент',
  period: 'Период',
  issued: 'Выставлен',
  due: 'Оплатить до',
  status: 'Статус',
  date: 'Дата',
  order: 'Заказ',
  service: 'Услуга',
  amount: 'Сумма',
  total: 'Итого',
  paid: 'Оплачено',
  outstanding: 'К оплате',
  kindFee: 'Плата за позднюю отмену',
  kindFailure: 'Оплата по незавершённому заказу',
};

describe('invoice PDF', () => {
  it('renders a Cyrillic invoice with many lines onto several pages', async () => {
    const lines = Array.from({ length: 80 }, (_, i) => ({
      orderId: `o-${i}`,
      orderNumber: `BR-2026-${String(i).padStart(6, '0')}`,
      kind: i % 10 === 0 ? ('cancellation_fee' as const) : ('order' as const),
      serviceRu: 'Поддерживающая уборка квартиры',
      serviceEn: 'Regular cleaning',
      occurredAt: new Date('2026-11-18T10:00:00Z'),
      amount: 350_000,
      priceLines: [],
    }));
    const bytes = await renderInvoicePdf(
      {
        id: 'i',
        number: 'INV-2026-000042',
        clientId: 'c',
        clientName: 'Иван Петров',
        clientEmail: 'client@brigada.local',
        periodFrom: '2026-11-16',
        periodTo: '2026-11-22',
        issuedAt: new Date('2026-11-23T06:00:00Z'),
        dueDate: '2026-11-30',
        currency: 'RUB',
        total: 28_000_000,
        paidAmount: 0,
        outstanding: 28_000_000,
        status: 'open',
        statusLabel: 'К оплате',
        lineCount: 80,
        companyName: 'Чистый дом',
        voidReason: null,
        voidedAt: null,
        reissueOf: null,
        lines,
        payments: [],
      },
      'ru',
      labels,
      'Europe/Moscow',
    );
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    expect(doc.getTitle()).toBe('Счёт INV-2026-000042');
  });
});

describe('bank transfer input', () => {
  it('reads amounts as typed into kopecks', () => {
    const parse = (amount: string) =>
      bankTransferInput.safeParse({
        invoiceId: '00000000-0000-4000-8000-000000000000',
        amount,
        reference: 'PP-1',
        receivedOn: '2026-11-25',
      });
    expect(parse('1 234,5').data?.amount).toBe(123_450);
    expect(parse('1234.56').data?.amount).toBe(123_456);
    expect(parse('12').data?.amount).toBe(1_200);
    expect(parse('0').success).toBe(false);
    expect(parse('1.234').success).toBe(false);
    expect(parse('-5').success).toBe(false);
  });
});
