// lib/clients's client-safe face: the forms' schemas. The server face (index.ts) re-exports it.
export * from './schemas';
