// lib/finance's client-safe face: schemas, types and pure rules that the browser may load too. The server face
// (index.ts) re-exports it.
export * from './invoices/schemas';
export * from './pricing';
export * from './rule-text';
export * from './schemas';
