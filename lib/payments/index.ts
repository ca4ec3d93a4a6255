import 'server-only';
// lib/payments: the provider interface, the Stripe adapter, the manual bank-transfer adapter, webhooks.
export * from './shared';
export { startCheckout, onlineProvider, providers, invoiceReceipt } from './checkout';
export { handlePaymentWebhook, type WebhookOutcome } from './webhook';
export {
  chargeInvoice,
  chargeDue,
  type ChargeSweep,
  chargeKey,
  chargeAttemptsOfInvoice,
  listFailedCharges,
  PENDING_ATTEMPT_MS,
  type ChargeResult,
  type ChargeOutcome,
  type ChargeAttemptDto,
} from './charges';
export { giveTip, tipChargeKey, settleTipFromNotification } from './tips';
export { listSavedCards, startCardSetup, removeSavedCard, type SavedCardDto } from './cards';
export {
  recordBankTransfer,
  recordParsedBankTransfer,
  postApprovedBankTransferTx,
  type BankTransferResult,
} from './bank-transfer';
export { bankTransferInput, type BankTransferInput } from './schemas';
export { applyPayment, type IncomingPayment, type AppliedPayment } from './apply-payment';
export { stripeProvider, WEBHOOK_TOLERANCE_SECONDS } from './stripe';
export {
  yookassaProvider,
  addressInRanges,
  fetchPayment,
  toValue,
  fromValue,
  receiptBody,
  YooKassaError,
  type YooKassaPayment,
} from './yookassa';
export {
  WebhookRejected,
  type PaymentProvider,
  type ProviderEvent,
  type CheckoutRequest,
  type WebhookContext,
  type SavedCardFact,
  type OffSessionChargeRequest,
  type OffSessionChargeResult,
} from './types';
export {
  listPayments,
  exportPayments,
  paymentProviders,
  PAYMENTS_CSV_HEADER,
  type PaymentFilter,
  type PaymentRow,
} from './list';
