import type { Settings } from '@/lib/settings';

// The seller's block and the payment instructions on billing documents (page and PDF alike), from the
// company details an admin keeps in settings. A detail left empty is left out; without a bank account
// a document gives no transfer instructions rather than an instruction nobody can follow.

type Details = Settings['companyDetails'];

const words = {
  ru: {
    taxId: 'ИНН',
    kpp: 'КПП',
    bank: 'Банк',
    bik: 'БИК',
    account: 'р/с',
    corrAccount: 'к/с',
    payBy: 'Оплата банковским переводом на счёт получателя.',
    recipient: 'Получатель',
    purpose: (number: string) => `Назначение платежа: «Оплата по счёту ${number}».`,
  },
  en: {
    taxId: 'INN',
    kpp: 'KPP',
    bank: 'Bank',
    bik: 'BIK',
    account: 'account',
    corrAccount: 'corr. account',
    payBy: 'Pay by bank transfer to the account below.',
    recipient: 'Recipient',
    purpose: (number: string) => `Payment reference: "Invoice ${number}".`,
  },
};

const joined = (parts: (string | false)[]) => parts.filter(Boolean).join(', ');

/** The seller: the trading name, then the legal name, tax numbers and address (each when set). */
export function sellerLines(companyName: string, d: Details, locale: 'ru' | 'en'): string[] {
  const w = words[locale];
  const tax = joined([d.taxId !== '' && `${w.taxId} ${d.taxId}`, d.kpp !== '' && `${w.kpp} ${d.kpp}`]);
  return [companyName, d.legalName, tax, d.address].filter((s) => s !== '');
}

/** The bank details a client needs to pay this invoice by transfer; empty when the account is not set. */
export function transferLines(companyName: string, d: Details, locale: 'ru' | 'en', invoiceNumber: string): string[] {
  if (d.account === '') return [];
  const w = words[locale];
  return [
    w.payBy,
    joined([
      `${w.recipient}: ${d.legalName || companyName}`,
      d.taxId !== '' && `${w.taxId} ${d.taxId}`,
      d.kpp !== '' && `${w.kpp} ${d.kpp}`,
    ]),
    joined([
      `${w.account} ${d.account}`,
      d.bankName !== '' && `${w.bank}: ${d.bankName}`,
      d.bik !== '' && `${w.bik} ${d.bik}`,
      d.corrAccount !== '' && `${w.corrAccount} ${d.corrAccount}`,
    ]),
    w.purpose(invoiceNumber),
  ];
}
