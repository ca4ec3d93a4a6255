import { describe, expect, it } from 'vitest';
import { PDFDocument } from '@cantoo/pdf-lib';
import { invoicePdfSpec, renderInvoicePdf } from '@/lib/finance/invoices/pdf';
import { renderDocumentPdf, wrapText, type PdfDocumentSpec } from '@/lib/finance/pdf';
import { sellerLines, transferLines } from '@/lib/finance/invoices/requisites';
import { defaultSettings } from '@/lib/settings/schema';
import { bankTransferInput } from '@/lib/payments/schemas';
import { pdfText, piecesOf } from '../support/pdf-text';

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
  credited: 'Кредит-ноты',
  outstanding: 'К оплате',
  kindFee: 'Плата за позднюю отмену',
  kindFailure: 'Оплата по незавершённому заказу',
  tipFor: (name: string) => `Чаевые: ${name}`,
  page: (page: number, pages: number) => `Стр. ${page} из ${pages}`,
};

/** An open invoice, all but its money, details and lines. */
const invoice = {
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
  paidAmount: 0,
  creditedAmount: 0,
  status: 'open' as const,
  statusLabel: 'К оплате',
  companyName: 'Чистый дом',
  voidReason: null,
  voidedAt: null,
  reissueOf: null,
  payments: [],
  creditNotes: [],
};

describe('invoice PDF', () => {
  it('renders a Cyrillic invoice with many lines onto several pages', async () => {
    const lines = Array.from({ length: 80 }, (_, i) => ({
      id: `o-${i}`,
      orderId: `o-${i}`,
      orderNumber: `BR-2026-${String(i).padStart(6, '0')}`,
      kind: i % 10 === 0 ? ('cancellation_fee' as const) : ('order' as const),
      serviceRu: 'Поддерживающая уборка квартиры',
      serviceEn: 'Regular cleaning',
      occurredAt: new Date('2026-11-18T10:00:00Z'),
      amount: 350_000,
      priceLines: [],
      address: `Москва, ул. Тверская, д. ${i + 1}`,
      workerFirstName: null,
    }));
    const bytes = await renderInvoicePdf(
      {
        ...invoice,
        total: 28_000_000,
        outstanding: 28_000_000,
        lineCount: 80,
        companyDetails: defaultSettings.companyDetails,
        lines,
      },
      'ru',
      labels,
      'Europe/Moscow',
    );
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    expect(doc.getTitle()).toBe('Счёт INV-2026-000042');
    const { pages, title } = await pdfText(bytes);
    expect(title).toBe('Счёт INV-2026-000042');
    // Every line's order number is printed once, whichever page it landed on, and every page is numbered.
    const all = pages.flat().join('\n');
    for (const line of lines) expect(all.split(line.orderNumber)).toHaveLength(2);
    pages.forEach((page, i) => expect(page.at(-1)).toBe(`Стр. ${i + 1} из ${pages.length}`));
    // The table's header is repeated at the top of each following page.
    for (const page of pages.slice(1)) expect(page[0]).toBe('Дата | Заказ | Услуга | Сумма');
  });
});

/** A one-row document; the tests below change what they look at. */
function documentSpec(over: Partial<PdfDocumentSpec> = {}): PdfDocumentSpec {
  return {
    title: 'Invoice INV-2026-000042',
    company: ['Clean Home'],
    facts: [['Client', 'Ivan Petrov <client@brigada.local>']],
    columns: { date: 'Date', ref: 'Order', description: 'Service', amount: 'Amount' },
    lines: [{ date: '18 Nov 2026', ref: 'BR-2026-000001', description: 'Cleaning', amount: 'RUB 3,500.00' }],
    totals: [{ label: 'Total', value: 'RUB 3,500.00', bold: true }],
    footer: [],
    pageLabel: (page, pages) => `Page ${page} of ${pages}`,
    ...over,
  };
}

describe('document PDF layout', () => {
  const longService =
    'Генеральная уборка трёхкомнатной квартиры после ремонта с мытьём окон, балкона, люстр и кухонной вытяжки · ' +
    'Москва, Ленинский проспект, дом 30, корпус 2, подъезд 4, этаж 11, квартира 187, домофон 187К';
  const longRequisites =
    'Получатель: Общество с ограниченной ответственностью «Чистый дом — клининговые услуги для дома и офиса», ' +
    'ИНН 7701234567, КПП 770101001, р/с 40702810900000012345, Банк: ПАО Сбербанк, БИК 044525225';
  const longNote =
    'Оплатите счёт в течение семи календарных дней; при оплате переводом укажите номер счёта в назначении ' +
    'платежа, иначе зачисление может занять до трёх рабочих дней.';

  it('wraps a long service line, the company requisites and a note onto several lines, cutting no word', async () => {
    const bytes = await renderDocumentPdf(
      documentSpec({
        company: ['Чистый дом', longRequisites],
        lines: [{ date: '18 нояб. 2026 г.', ref: 'BR-2026-000001', description: longService, amount: '3 500,00 ₽' }],
        footer: [longNote],
        pageLabel: (page, pages) => `Стр. ${page} из ${pages}`,
      }),
    );
    const { pages, items } = await pdfText(bytes);
    expect(pages).toHaveLength(1);
    for (const text of [longService, longRequisites, longNote]) {
      // Every word of the text is drawn whole and in order, over several lines (no piece holds it all).
      const pieces = piecesOf(items[0], text);
      expect(pieces, text).not.toBeNull();
      expect(pieces?.length).toBeGreaterThan(1);
    }
    // The description column is about 215 pt wide at 9 pt, so this service takes at least three lines.
    expect(piecesOf(items[0], longService)?.length).toBeGreaterThanOrEqual(3);
    expect(pages[0].at(-1)).toBe('Стр. 1 из 1');
  });

  it('numbers every page in the document’s language and goes on to more pages when the rows do not fit', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => ({
      date: '18 Nov 2026',
      ref: `BR-2026-${String(i + 1).padStart(6, '0')}`,
      description: i % 7 === 0 ? `Deep cleaning · ${'Tverskaya street, building 7, flat 12 '.repeat(3)}` : 'Cleaning',
      amount: 'RUB 3,500.00',
    }));
    const { pages } = await pdfText(await renderDocumentPdf(documentSpec({ lines: rows })));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => expect(page.at(-1)).toBe(`Page ${i + 1} of ${pages.length}`));
    const refs = pages.flat().flatMap((line) => line.match(/BR-2026-\d{6}/g) ?? []);
    expect(refs).toEqual(rows.map((r) => r.ref));
    // The totals follow the last row, on the last page.
    expect(pages.at(-1)?.some((line) => line.includes('Total'))).toBe(true);
  });

  it('breaks a word only when it alone is wider than the line', () => {
    const width = (s: string) => s.length; // one unit per character
    expect(wrapText('one two three four', 9, width)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('a 0123456789abcdef b', 8, width)).toEqual(['a', '01234567', '89abcdef', 'b']);
    expect(wrapText('first\nsecond', 50, width)).toEqual(['first', 'second']);
  });
});

const details = {
  legalName: 'ООО «Чистый дом»',
  taxId: '7701234567',
  kpp: '770101001',
  address: 'Москва, ул. Ленина, 1',
  bankName: 'ПАО Сбербанк',
  bik: '044525225',
  account: '40702810900000012345',
  corrAccount: '30101810400000000225',
};

describe('company details on documents', () => {
  it('prints the seller with its tax numbers, and the bank details to pay an open invoice by transfer', () => {
    expect(sellerLines('Чистый дом', details, 'ru')).toEqual([
      'Чистый дом',
      'ООО «Чистый дом»',
      'ИНН 7701234567, КПП 770101001',
      'Москва, ул. Ленина, 1',
    ]);
    const transfer = transferLines('Чистый дом', details, 'ru', 'INV-2026-000042');
    expect(transfer.join('\n')).toContain(
      'р/с 40702810900000012345, Банк: ПАО Сбербанк, БИК 044525225, к/с 30101810400000000225',
    );
    expect(transfer.join('\n')).toContain('Получатель: ООО «Чистый дом», ИНН 7701234567, КПП 770101001');
    expect(transfer.at(-1)).toBe('Назначение платежа: «Оплата по счёту INV-2026-000042».');
  });

  it('gives no transfer instructions without an account, and leaves out empty details', () => {
    expect(transferLines('Чистый дом', defaultSettings.companyDetails, 'ru', 'INV-1')).toEqual([]);
    expect(sellerLines('Чистый дом', { ...defaultSettings.companyDetails, taxId: '500100732259' }, 'en')).toEqual([
      'Чистый дом',
      'INN 500100732259',
    ]);
  });

  it('lays the invoice PDF out with the address of each line, the credit notes and the transfer details', () => {
    const spec = invoicePdfSpec(
      {
        ...invoice,
        total: 648_000,
        creditedAmount: 324_000,
        outstanding: 324_000,
        lineCount: 2,
        companyDetails: details,
        lines: [
          {
            id: 'o1',
            workerFirstName: null,
            orderId: 'o1',
            orderNumber: 'BR-2026-000009',
            kind: 'order',
            serviceRu: 'Уборка',
            serviceEn: 'Cleaning',
            occurredAt: new Date('2026-11-18T10:00:00Z'),
            amount: 324_000,
            priceLines: [],
            address: 'Москва, ул. Тверская, д. 7',
          },
        ],
        payments: [],
        creditNotes: [],
      },
      'ru',
      labels,
      'Europe/Moscow',
      {
        header: sellerLines('Чистый дом', details, 'ru'),
        footer: transferLines('Чистый дом', details, 'ru', 'INV-2026-000042'),
      },
    );
    expect(spec.company[2]).toBe('ИНН 7701234567, КПП 770101001');
    expect(spec.lines[0].description).toBe('Уборка · Москва, ул. Тверская, д. 7');
    // 6 480 ₽ of lines, − 3 240 ₽ credited, 0 paid → 3 240 ₽ due.
    expect(spec.totals.map((t) => [t.label, t.value.replace(/\s/g, ' ')])).toEqual([
      ['Итого', '6 480,00 ₽'],
      ['Кредит-ноты', '−3 240,00 ₽'],
      ['Оплачено', '0,00 ₽'],
      ['К оплате', '3 240,00 ₽'],
    ]);
    expect(spec.footer.join(' ')).toContain('40702810900000012345');
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
