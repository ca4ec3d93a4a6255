import 'server-only';
// lib/orders: orders, order events, the state machine. Other modules import from here only.
export * from './transitions';
export { transitionOrder, systemActor, type TransitionOptions } from './transition-order';
export type { OrderChange, OrderChangeHandler } from './effects';
