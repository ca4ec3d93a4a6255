import { describe, expect, it } from 'vitest';
import { assertRole, assertStaff, homeOf, isStaff, type Actor } from '@/lib/actor';
import { DomainError } from '@/lib/errors';
import { issueLoginTicket, readLoginTicket } from '@/lib/auth/ticket';

const actor = (role: Actor['role']): Actor => ({
  id: '00000000-0000-0000-0000-000000000001',
  role,
  name: 'A',
  email: 'a@b.c',
  locale: 'ru',
});

describe('role guards', () => {
  it.each([
    ['client', ['client'], true],
    ['client', ['manager', 'admin'], false],
    ['worker', ['worker'], true],
    ['worker', ['client'], false],
    ['manager', ['manager', 'admin'], true],
    ['manager', ['admin'], false],
    ['admin', ['admin'], true],
  ] as const)('%s against %j → allowed %s', (role, roles, allowed) => {
    const run = () => assertRole(actor(role), ...roles);
    if (allowed) expect(run).not.toThrow();
    else expect(run).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });

  it('staff are managers and admins only', () => {
    expect(['client', 'worker', 'manager', 'admin'].map((r) => isStaff(actor(r as Actor['role'])))).toEqual([
      false,
      false,
      true,
      true,
    ]);
    expect(() => assertStaff(actor('worker'))).toThrow(DomainError);
  });

  it('each role lands on its own portal', () => {
    expect(homeOf('client')).toBe('/orders');
    expect(homeOf('worker')).toBe('/worker');
    expect(homeOf('manager')).toBe('/admin');
    expect(homeOf('admin')).toBe('/admin');
  });
});

describe('login tickets', () => {
  it('round-trips a user id while fresh', () => {
    const now = 1_700_000_000_000;
    expect(readLoginTicket(issueLoginTicket('user-1', now), now + 1000)).toBe('user-1');
  });
  it('expires after a minute', () => {
    const now = 1_700_000_000_000;
    expect(readLoginTicket(issueLoginTicket('user-1', now), now + 61_000)).toBeNull();
  });
  it('rejects a forged user id or signature', () => {
    const now = 1_700_000_000_000;
    const [, exp, mac] = issueLoginTicket('user-1', now).split('.');
    expect(readLoginTicket(`user-2.${exp}.${mac}`, now)).toBeNull();
    expect(readLoginTicket(`user-1.${exp}.AAAA`, now)).toBeNull();
    expect(readLoginTicket('garbage', now)).toBeNull();
  });
});
