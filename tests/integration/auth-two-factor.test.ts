import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { auditLog, recoveryCodes, settings, userTotp } from '@/db/schema';
import {
  beginEnrolment,
  confirmEnrolment,
  CODE_TRIES_PER_ADDRESS,
  disableTwoFactor,
  readTwoFactorChallenge,
  issueTwoFactorChallenge,
  resetTwoFactor,
  twoFactorRequiredFor,
  twoFactorStatus,
  verifySecondFactor,
} from '@/lib/auth';
import { setupTestDb } from '../support/db';
import { createUser } from '../support/factories';

const t = setupTestDb();
const t0 = new Date('2026-12-05T10:00:00Z');
const codeAt = (secret: string, at: Date) =>
  TOTP.generate({
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    timestamp: at.getTime(),
  });
const later = (s: number) => new Date(t0.getTime() + s * 1000);

async function enrolled() {
  const admin = await createUser(t.db, 'admin');
  const { secret, uri, qrDataUrl } = await beginEnrolment(t.db, admin, admin.email, t0);
  const codes = await confirmEnrolment(t.db, admin, codeAt(secret, t0), t0);
  return { admin, secret, uri, qrDataUrl, codes };
}

describe('two-factor sign-in (TOTP)', () => {
  it('enrols with a QR code and a first code, keeping the secret encrypted and ten recovery codes hashed', async () => {
    const { admin, secret, uri, qrDataUrl, codes } = await enrolled();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Brigada:.+\?.*secret=/);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const [row] = await t.db.select().from(userTotp).where(eq(userTotp.userId, admin.id));
    expect(row.secretEnc).not.toContain(secret);
    const stored = await t.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, admin.id));
    expect(stored.map((r) => r.codeHash).join()).not.toContain(codes[0]);
    expect(await twoFactorStatus(t.db, admin)).toEqual({ enabled: true, required: true, recoveryCodesLeft: 10 });
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.two_factor_enabled'), eq(auditLog.entityId, admin.id)));
    expect(audit).toBeTruthy();
  });

  it('refuses a wrong first code and leaves it off', async () => {
    const manager = await createUser(t.db, 'manager');
    await beginEnrolment(t.db, manager, manager.email, t0);
    await expect(confirmEnrolment(t.db, manager, '000000', t0)).rejects.toMatchObject({
      fields: { code: 'errors.twoFactorWrongCode' },
    });
    expect((await twoFactorStatus(t.db, manager)).enabled).toBe(false);
  });

  it('accepts a current code once: a replay, or an older code after a newer one, is refused', async () => {
    const { admin, secret } = await enrolled();
    const at = later(60);
    await expect(verifySecondFactor(t.db, admin.id, codeAt(secret, at), '10.1.0.1', at)).resolves.toEqual({
      usedRecoveryCode: false,
    });
    await expect(verifySecondFactor(t.db, admin.id, codeAt(secret, at), '10.1.0.1', at)).rejects.toMatchObject({
      code: 'validation_failed',
    });
    // The code of 30 s before is still inside the drift window, but older than the one used.
    await expect(verifySecondFactor(t.db, admin.id, codeAt(secret, later(30)), '10.1.0.1', at)).rejects.toMatchObject({
      code: 'validation_failed',
    });
    const next = later(90);
    await expect(verifySecondFactor(t.db, admin.id, codeAt(secret, next), '10.1.0.1', next)).resolves.toBeTruthy();
  });

  it('a recovery code signs in once; an admin can reset a lost authenticator (audited), not their own', async () => {
    const { admin, codes } = await enrolled();
    await expect(
      verifySecondFactor(t.db, admin.id, ` ${codes[3].toUpperCase()} `, '10.1.0.2', later(5)),
    ).resolves.toEqual({
      usedRecoveryCode: true,
    });
    await expect(verifySecondFactor(t.db, admin.id, codes[3], '10.1.0.2', later(6))).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect((await twoFactorStatus(t.db, admin)).recoveryCodesLeft).toBe(9);

    await expect(resetTwoFactor(t.db, admin, admin.id)).rejects.toMatchObject({ code: 'conflict' });
    const manager = await createUser(t.db, 'manager');
    await expect(resetTwoFactor(t.db, manager, admin.id)).rejects.toMatchObject({ code: 'forbidden' });
    const other = await createUser(t.db, 'admin');
    await resetTwoFactor(t.db, other, admin.id);
    expect(await twoFactorStatus(t.db, admin)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'user.two_factor_reset'), eq(auditLog.entityId, admin.id)));
    expect(audit.actorId).toBe(other.id);
  });

  it(`limits code guesses per account and address (${CODE_TRIES_PER_ADDRESS} in 15 minutes)`, async () => {
    const { admin, secret } = await enrolled();
    for (let i = 0; i < CODE_TRIES_PER_ADDRESS; i++)
      await expect(verifySecondFactor(t.db, admin.id, '123456', '10.1.0.3', later(10 + i))).rejects.toMatchObject({
        code: 'validation_failed',
      });
    // Even the right code (of a new 30-second step) is refused from that address now …
    const at = later(45);
    await expect(verifySecondFactor(t.db, admin.id, codeAt(secret, at), '10.1.0.3', at)).rejects.toMatchObject({
      code: 'rate_limited',
    });
    // … while the owner, from their own address, signs in.
    await expect(verifySecondFactor(t.db, admin.id, codeAt(secret, at), '10.1.0.4', at)).resolves.toBeTruthy();
  });

  it('who must use it follows the setting; staff may turn it off only where it is optional', async () => {
    expect(twoFactorRequiredFor({ twoFactorRequired: 'admins' }, 'admin')).toBe(true);
    expect(twoFactorRequiredFor({ twoFactorRequired: 'admins' }, 'manager')).toBe(false);
    expect(twoFactorRequiredFor({ twoFactorRequired: 'staff' }, 'manager')).toBe(true);
    expect(twoFactorRequiredFor({ twoFactorRequired: 'optional' }, 'admin')).toBe(false);
    expect(twoFactorRequiredFor({ twoFactorRequired: 'staff' }, 'client')).toBe(false);

    const { admin, secret } = await enrolled();
    await expect(disableTwoFactor(t.db, admin, codeAt(secret, later(40)), '10.1.0.5', later(40))).rejects.toMatchObject(
      {
        message: 'errors.twoFactorRequired',
      },
    );
    await t.db.insert(settings).values({ key: 'twoFactorRequired', value: 'optional' });
    await disableTwoFactor(t.db, admin, codeAt(secret, later(40)), '10.1.0.5', later(40));
    expect((await twoFactorStatus(t.db, admin)).enabled).toBe(false);
  });

  it('the challenge between password and code is signed, for one user, and expires', () => {
    const c = issueTwoFactorChallenge('user-1', t0.getTime());
    expect(readTwoFactorChallenge(c, t0.getTime() + 1000)).toBe('user-1');
    expect(readTwoFactorChallenge(c.replace('user-1', 'user-2'), t0.getTime())).toBeNull();
    expect(readTwoFactorChallenge(c, t0.getTime() + 6 * 60_000)).toBeNull();
  });
});
