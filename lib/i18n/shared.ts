// lib/i18n's client-safe face: schemas, types and pure rules that the browser may load too. The server face
// (index.ts) re-exports it.
export * from './reasons';
export * from './config';
export type { ErrorKey } from './error-keys';
