// lib/security: the HTTP security headers (CSP with a per-request nonce, HSTS, and the rest) that proxy.ts sets.
export * from './headers';
