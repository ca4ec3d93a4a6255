import { describe, expect, it } from 'vitest';
import { acceptInviteInput, inviteInput, signInInput, signUpInput } from '@/lib/auth/schemas';
import { toFormState, toHttp, validationFailed, DomainError } from '@/lib/errors';
import { localeFromAcceptLanguage } from '@/lib/i18n/config';

const good = { name: 'Иван Петров', email: 'Ivan@Example.com ', phone: '+7 916 555-12-34', password: 'secret-pass-1' };

function fieldErrors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));
}

describe('sign-up input', () => {
  it('accepts a good form and normalises the email', () => {
    const parsed = signUpInput.parse(good);
    expect(parsed.email).toBe('ivan@example.com');
  });
  it.each([
    [{ email: 'not-an-email' }, 'email', 'errors.emailInvalid'],
    [{ email: '' }, 'email', 'errors.required'],
    [{ password: 'short1' }, 'password', 'errors.passwordShort'],
    // Seven characters, although 14 UTF-16 units: length is counted in characters.
    [{ password: '🧹🧹🧹🧹🧹🧹🧹' }, 'password', 'errors.passwordShort'],
    [{ password: 'я'.repeat(129) }, 'password', 'errors.passwordLong'],
    [{ phone: 'call me' }, 'phone', 'errors.phoneInvalid'],
    [{ name: 'A' }, 'name', 'errors.nameShort'],
  ])('refuses %j with a message on %s', (patch, field, message) => {
    expect(fieldErrors(signUpInput.safeParse({ ...good, ...patch }))[field]).toBe(message);
  });
});

describe('password length', () => {
  it('has no composition rule and counts characters, not bytes', () => {
    // Letters only, digits only, and 128 Cyrillic letters (256 bytes in UTF-8) are all fine.
    for (const password of ['onlyletterslong', '12345678901', 'я'.repeat(128), '🧹'.repeat(8)])
      expect(signUpInput.safeParse({ ...good, password }).success).toBe(true);
  });
});

describe('other auth inputs', () => {
  it('sign-in needs a password', () => {
    expect(fieldErrors(signInInput.safeParse({ email: 'a@b.co', password: '' })).password).toBe('errors.required');
  });
  it('invites only workers and managers', () => {
    expect(inviteInput.safeParse({ name: 'Ольга', email: 'o@b.co', role: 'admin' }).success).toBe(false);
    expect(inviteInput.parse({ name: 'Ольга', email: 'o@b.co', role: 'worker' }).locale).toBe('ru');
  });
  it('invite acceptance needs matching passwords', () => {
    const r = acceptInviteInput.safeParse({
      token: 'x'.repeat(32),
      password: 'secret-pass-1',
      confirm: 'secret-pass-2',
    });
    expect(fieldErrors(r).confirm).toBe('errors.passwordMismatch');
  });
});

describe('error mapping', () => {
  it('maps domain errors to statuses', () => {
    expect(toHttp(new DomainError('not_found', 'errors.notFound')).status).toBe(404);
    expect(toHttp(new DomainError('forbidden', 'errors.forbidden')).status).toBe(403);
    expect(toHttp(new DomainError('invalid_transition', 'errors.transitionInvalid')).status).toBe(409);
    expect(toHttp(new DomainError('rate_limited', 'errors.tooManyAttempts')).status).toBe(429);
    expect(toHttp(validationFailed({ email: 'errors.emailInvalid' })).body.error.fields).toEqual({
      email: 'errors.emailInvalid',
    });
  });
  it('maps zod errors to 422 with fields', () => {
    const r = signUpInput.safeParse({ ...good, email: 'x' });
    const http = toHttp(r.error);
    expect(http.status).toBe(422);
    expect(http.body.error.fields?.email).toBe('errors.emailInvalid');
  });
  it('form state keeps field messages and re-throws unknown errors', () => {
    expect(toFormState(validationFailed({ email: 'errors.emailTaken' }))).toMatchObject({
      ok: false,
      fields: { email: 'errors.emailTaken' },
    });
    expect(() => toFormState(new Error('boom'))).toThrow('boom');
  });
});

describe('language from the browser', () => {
  it.each([
    ['en-US,en;q=0.9', 'en'],
    ['ru-RU,ru;q=0.9,en;q=0.8', 'ru'],
    ['de-DE,en;q=0.5', 'en'],
    ['fr', 'ru'],
    [null, 'ru'],
    ['ru;q=0.1,en;q=0.9', 'en'],
  ])('%s → %s', (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });
});

describe('supply prices are typed in roubles like every other price', () => {
  it('parses roubles with a comma or a point into kopecks, and refuses what is not an amount', async () => {
    const { supplyInput } = await import('@/lib/supplies/schemas');
    const base = { nameRu: 'Губка', nameEn: 'Sponge', unit: 'шт', lowStockThreshold: 0 };
    // 45,50 ₽ = 4 550 kopecks; 1 500 ₽ = 150 000.
    expect(supplyInput.parse({ ...base, unitCost: '45,50' }).unitCost).toBe(4_550);
    expect(supplyInput.parse({ ...base, unitCost: '1 500' }).unitCost).toBe(150_000);
    for (const bad of ['abc', '-1', '1,234'])
      expect(supplyInput.safeParse({ ...base, unitCost: bad }).success, bad).toBe(false);
  });
});

describe('the client address for throttling', () => {
  it('is read at the trusted proxy hop, never from what the client wrote on the left', async () => {
    const { clientAddress } = await import('@/lib/auth/client-address');
    // The client forged "6.6.6.6"; the one proxy appended the real address.
    expect(clientAddress('6.6.6.6, 198.51.100.20', 1)).toBe('198.51.100.20');
    // Two proxies (a load balancer, then nginx): the client is the second from the right.
    expect(clientAddress('6.6.6.6, 198.51.100.20, 10.0.0.5', 2)).toBe('198.51.100.20');
    // Vercel sets the header to the client alone; Next.js fills the socket address when there is no proxy.
    expect(clientAddress('198.51.100.20', 1)).toBe('198.51.100.20');
    expect(clientAddress(null, 1)).toBe('unknown');
  });
});
