// lib/payments's client-safe face: schemas, types and pure rules that the browser may load too. The server face
// (index.ts) re-exports it.
export * from './schemas';
export * from './receipt';
