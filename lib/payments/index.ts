import 'server-only';
// lib/payments: the provider interface, the Stripe adapter, the manual bank-transfer adapter, webhooks.
export * from './shared';
export { startCheckout, onlineProvider, providers, invoiceReceipt } from './checkout';
export { handlePaymentWebhook, type WebhookOutcome } from './webhook';
export { chargeInvoice, chargeDue, chargeAttemptsOfInvoice, listFailedCharges, type ChargeAttemptDto } from './charges';
export {
  chargeKey,
  visitChargeKey,
  PENDING_ATTEMPT_MS,
  type ChargeSweep,
  type ChargeResult,
  type ChargeOutcome,
} from './charge-attempts';
export { chargeVisit } from './charge-visits';
export { giveTip, tipChargeKey, settleTipFromNotification } from './tips';
export { listSavedCards, startCardSetup, removeSavedCard, type SavedCardDto } from './cards';
export {
  recordBankTransfer,
  recordParsedBankTransfer,
  postApprovedBankTransferTx,
  type BankTransferResult,
} from './bank-transfer';
export { bankTransferInput, type BankTransferInput, refundInput, type RefundInput } from './schemas';
export {
  refundPayment,
  settleRefund,
  getRefundablePayment,
  refundsOfInvoice,
  refundKey,
  REFUNDABLE_PROVIDERS,
  type RefundOutcome,
  type RefundDto,
  type RefundablePaymentDto,
} from './refunds';
export { applyPayment, receiveUnappliedPayment, type IncomingPayment, type AppliedPayment } from './apply-payment';
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
  type RefundFact,
  type RefundRequest,
  type RefundResult,
} from './types';
export {
  listPayments,
  exportPayments,
  paymentProviders,
  PAYMENTS_CSV_HEADER,
  type PaymentFilter,
  type PaymentRow,
} from './list';
