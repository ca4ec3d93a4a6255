// lib/plans's client-safe face: schemas and pure rules the browser may load too. The server face
// (index.ts) re-exports it.
export * from './schemas';
export * from './recurrence';
