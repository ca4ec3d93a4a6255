import 'server-only';
// lib/orders: orders, order events, the state machine. Other modules import from here only.
export * from './shared';
export * from './transitions';
export {
  transitionOrder,
  transitionOrders,
  systemActor,
  type TransitionOptions,
  type TransitionItem,
} from './transition-order';
export {
  eachChange,
  installOrderReactions,
  requestMatching,
  type OrderChange,
  type OrderChangeHandler,
  type OrderReactions,
  type OrderPay,
  type PayPricer,
  type PayRequest,
} from './effects';
export { emailsOnOrderChange, notifyOrderCreated, notifyLowRating, LOW_RATING } from './emails';
export {
  createOrder,
  formatOrderNumber,
  nextOrderNumber,
  insertRedoOrder,
  insertPlanVisits,
  type PlanForVisits,
  type PlanVisitsBatchItem,
  type PlacedVisit,
  type CreatedOrder,
  type CreateOrderOptions,
} from './create-order';
export { assertOpenOrderRoom, UNVERIFIED_OPEN_ORDERS } from './open-order-cap';
export { bookingClient, bookedByData, type BookingFor } from './booking-client';
export { acceptPrice, cancelOrder, cancelVisits, rescheduleOrder, rateOrder } from './client-changes';
export { loadService } from './pricing-context';
export { searchOrders, exportOrders, ORDERS_CSV_HEADER, type OrderDeskFilter, type OrderDeskRow } from './desk';
export {
  listOrdersForClient,
  getOrderForClient,
  getOrderStatusForClient,
  HISTORY_PAGE_SIZE,
  type ClientOrderDto,
  type OrderListItem,
  type TimelineEntry,
} from './client-orders';
export { listCatalogue, type CatalogueService } from './catalogue';
export { finalPriceFor, pricesByGrade, type GradePrice } from './pricing-context';
export * from './schemas';
export {
  getClientAccount,
  listSavedAddresses,
  updateContact,
  addSavedAddress,
  updateSavedAddress,
  deleteSavedAddress,
  setEmailPreferences,
  clientOptionalKinds,
  type ClientAccount,
  type SavedAddress,
} from './account';
export { clientDiscountBp } from './pricing-context';
export { orderScope, scopeChecklist, type OrderScope } from './scope';
export {
  selectOrders,
  orderClient,
  orderWorker,
  orderVisitColumns,
  orderTimeline,
  orderNumbers,
  overlapping,
  periodVersion,
  lockOrderRow,
  lockOrderRows,
  deferOverlapCheck,
  orderFacts,
  type OrderFacts,
  type OrderEvent,
} from './queries';
export { recordReviewsConfirmed } from './review-event';
export { orderCounts, type OrderCounts } from './counts';
