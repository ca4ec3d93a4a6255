import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, newNonce, securityHeaders } from '@/lib/security/headers';

describe('security headers', () => {
  it('a nonce-based script policy that forbids framing, plugins, foreign bases and foreign form targets', () => {
    const csp = contentSecurityPolicy('abc123');
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-eval');
    for (const d of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"])
      expect(csp).toContain(d);
    expect(contentSecurityPolicy('n', { dev: true })).toContain("'unsafe-eval'");
  });

  it('no-referrer where the URL holds a token; HSTS only over HTTPS', () => {
    expect(securityHeaders('/orders', false)['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(securityHeaders('/reset-password/tok', false)['Referrer-Policy']).toBe('no-referrer');
    expect(securityHeaders('/invite/tok', false)['Referrer-Policy']).toBe('no-referrer');
    expect(securityHeaders('/api/workers/calendar/tok', false)['Referrer-Policy']).toBe('no-referrer');
    expect(securityHeaders('/', false)['Strict-Transport-Security']).toBeUndefined();
    expect(securityHeaders('/', true)['Strict-Transport-Security']).toMatch(/^max-age=\d+/);
    expect(securityHeaders('/', false)['X-Content-Type-Options']).toBe('nosniff');
  });

  it('a fresh 128-bit nonce each time', () => {
    const a = newNonce();
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
