import 'server-only';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import type { Db } from '@/db';
import { recoveryCodes, userTotp, users, type Role } from '@/db/schema';
import { assertRole, assertStaff, type Actor } from '@/lib/actor';
import { recordAudit } from '@/lib/audit';
import { conflict, notFound, validationFailed } from '@/lib/errors';
import { authSecret } from '@/lib/env';
import { getSettings, type Settings } from '@/lib/settings';
import { takeRateSlot } from './rate-limit';
import { hashToken } from './tokens';

/*
 * Two-factor sign-in for staff: a TOTP authenticator (RFC 6238, 6 digits, 30 s, SHA-1, the parameters every
 * authenticator app understands) plus ten one-time recovery codes. The shared secret is encrypted at rest
 * with a key derived from AUTH_SECRET; recovery codes are kept as sha256 (they are random, not passwords).
 */

const ISSUER = 'Brigada';
const RECOVERY_CODES = 10;
/** A pending enrolment's secret is reused this long, so reloading the page does not invalidate a scan. */
const PENDING_REUSE_MS = 15 * 60_000;
/** Codes tried per account and address in 15 minutes, and per account from anywhere. */
export const CODE_TRIES_PER_ADDRESS = 5;
export const CODE_TRIES_PER_ACCOUNT = 20;

function key(): Buffer {
  return Buffer.from(hkdfSync('sha256', authSecret(), 'brigada', 'totp-secret-v1', 32));
}

function seal(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(
    '.',
  );
}

function open(sealed: string): string {
  const [v, iv, tag, data] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || !data) throw new Error('Unreadable TOTP secret');
  const decipher = createDecipheriv('aes-256-gcm', key(), Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

function totp(secretBase32: string, label = 'account'): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** The 30-second step a code was made for (±1 step for clock drift), or null if it is not valid now. */
function stepOf(secretBase32: string, code: string, now: Date): number | null {
  const delta = totp(secretBase32).validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : TOTP.counter({ period: 30, timestamp: now.getTime() }) + delta;
}

/** Whether the company requires an authenticator code of this role (the twoFactorRequired setting). */
export function twoFactorRequiredFor(settings: Pick<Settings, 'twoFactorRequired'>, role: Role): boolean {
  if (role === 'admin') return settings.twoFactorRequired !== 'optional';
  if (role === 'manager') return settings.twoFactorRequired === 'staff';
  return false;
}

/** Whether the user has an authenticator in force (the sign-in asks for a code). */
export async function twoFactorEnabled(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ on: userTotp.confirmedAt }).from(userTotp).where(eq(userTotp.userId, userId));
  return Boolean(row?.on);
}

/** For the admin panel's gate on every page: whether this staff member must set up two-factor first. */
export async function mustEnrolTwoFactor(db: Db, user: { id: string; role: Role }): Promise<boolean> {
  if (!twoFactorRequiredFor(await getSettings(db), user.role)) return false;
  return !(await twoFactorEnabled(db, user.id));
}

export type TwoFactorStatus = { enabled: boolean; required: boolean; recoveryCodesLeft: number };

export async function twoFactorStatus(db: Db, user: { id: string; role: Role }): Promise<TwoFactorStatus> {
  const [[row], [{ left }], settings] = await Promise.all([
    db.select({ confirmedAt: userTotp.confirmedAt }).from(userTotp).where(eq(userTotp.userId, user.id)),
    db
      .select({ left: sql<number>`count(*)::int` })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt))),
    getSettings(db),
  ]);
  return {
    enabled: Boolean(row?.confirmedAt),
    required: twoFactorRequiredFor(settings, user.role),
    recoveryCodesLeft: left,
  };
}

export type Enrolment = { secret: string; uri: string; qrDataUrl: string };

/**
 * Starts (or resumes) enrolment: a new secret, not yet in force, shown as a QR code and as text. A secret
 * made in the last 15 minutes is shown again, so a reload does not break a scan already made.
 */
export async function beginEnrolment(db: Db, actor: Actor, email: string, now = new Date()): Promise<Enrolment> {
  assertStaff(actor);
  const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, actor.id));
  if (row?.confirmedAt) throw conflict('errors.twoFactorAlreadyOn');
  let secret: string;
  if (row && now.getTime() - row.createdAt.getTime() < PENDING_REUSE_MS) secret = open(row.secretEnc);
  else {
    secret = new Secret({ size: 20 }).base32;
    await db
      .insert(userTotp)
      .values({ userId: actor.id, secretEnc: seal(secret), createdAt: now })
      .onConflictDoUpdate({
        target: userTotp.userId,
        set: { secretEnc: seal(secret), createdAt: now, lastStep: null },
        setWhere: isNull(userTotp.confirmedAt),
      });
  }
  const uri = totp(secret, email).toString();
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 240 }) };
}

function newRecoveryCode(): string {
  // 10 characters of base32 (50 bits) in two groups: easy to type, impossible to guess in a few tries.
  const raw = new Secret({ size: 7 }).base32.slice(0, 10).toLowerCase();
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

const normalizeRecovery = (code: string) => code.trim().toLowerCase().replace(/\s+/g, '');

/**
 * Finishes enrolment with a code from the app: from now on sign-in asks for a code. Returns ten recovery
 * codes, shown this once (only their hashes are kept).
 */
export async function confirmEnrolment(db: Db, actor: Actor, code: string, now = new Date()): Promise<string[]> {
  assertStaff(actor);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(userTotp).where(eq(userTotp.userId, actor.id)).for('update');
    if (!row) throw notFound('errors.twoFactorNotStarted');
    if (row.confirmedAt) throw conflict('errors.twoFactorAlreadyOn');
    const step = stepOf(open(row.secretEnc), code.trim(), now);
    if (step === null) throw validationFailed({ code: 'errors.twoFactorWrongCode' }, 'errors.twoFactorWrongCode');
    await tx.update(userTotp).set({ confirmedAt: now, lastStep: step }).where(eq(userTotp.userId, actor.id));
    const codes = await replaceRecoveryCodes(tx, actor.id);
    await recordAudit(tx, actor, { action: 'user.two_factor_enabled', entity: 'user', entityId: actor.id });
    return codes;
  });
}

async function replaceRecoveryCodes(tx: Db, userId: string): Promise<string[]> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  const codes = Array.from({ length: RECOVERY_CODES }, newRecoveryCode);
  await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashToken(c) })));
  return codes;
}

/**
 * The second step of a sign-in: a current code from the app (each accepted once: a code seen before, or an
 * older one, is refused) or an unused recovery code (used up). Tries are limited per account and address and
 * per account, counted before the check.
 */
export async function verifySecondFactor(
  db: Db,
  userId: string,
  code: string,
  ip: string,
  now = new Date(),
): Promise<{ usedRecoveryCode: boolean }> {
  await takeRateSlot(db, `2fa:${userId}:${ip}`, CODE_TRIES_PER_ADDRESS, 15, now);
  await takeRateSlot(db, `2fa:${userId}`, CODE_TRIES_PER_ACCOUNT, 15, now);
  const wrong = () => validationFailed({ code: 'errors.twoFactorWrongCode' }, 'errors.twoFactorWrongCode');
  const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, userId));
  if (!row?.confirmedAt) throw wrong();
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed)) {
    const step = stepOf(open(row.secretEnc), trimmed, now);
    if (step === null) throw wrong();
    // Accepted only if newer than the last accepted step: a replayed or concurrent second use finds no row.
    const taken = await db
      .update(userTotp)
      .set({ lastStep: step })
      .where(and(eq(userTotp.userId, userId), or(isNull(userTotp.lastStep), lt(userTotp.lastStep, step))))
      .returning({ userId: userTotp.userId });
    if (taken.length === 0) throw wrong();
    return { usedRecoveryCode: false };
  }
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashToken(normalizeRecovery(trimmed))),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  if (used.length === 0) throw wrong();
  return { usedRecoveryCode: true };
}

/** New recovery codes for a staff member who is enrolled; the old ones stop working. */
export async function regenerateRecoveryCodes(db: Db, actor: Actor): Promise<string[]> {
  assertStaff(actor);
  return db.transaction(async (tx) => {
    if (!(await twoFactorEnabled(tx, actor.id))) throw notFound('errors.twoFactorNotStarted');
    const codes = await replaceRecoveryCodes(tx, actor.id);
    await recordAudit(tx, actor, { action: 'user.recovery_codes_regenerated', entity: 'user', entityId: actor.id });
    return codes;
  });
}

/**
 * Another admin removes a staff member's authenticator (a lost phone with no recovery code left). Their
 * next sign-in asks them to enrol again if the company requires it. Audited; an admin cannot reset their own.
 */
export async function resetTwoFactor(db: Db, actor: Actor, userId: string): Promise<void> {
  assertRole(actor, 'admin');
  if (userId === actor.id) throw conflict('errors.twoFactorResetSelf');
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!user) throw notFound();
    const removed = await tx
      .delete(userTotp)
      .where(eq(userTotp.userId, userId))
      .returning({ on: userTotp.confirmedAt });
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
    if (removed.length > 0)
      await recordAudit(tx, actor, { action: 'user.two_factor_reset', entity: 'user', entityId: userId });
  });
}

/** A staff member turns their own authenticator off; refused when the company requires it of their role. */
export async function disableTwoFactor(
  db: Db,
  actor: Actor,
  code: string,
  ip: string,
  now = new Date(),
): Promise<void> {
  assertStaff(actor);
  if (twoFactorRequiredFor(await getSettings(db), actor.role)) throw conflict('errors.twoFactorRequired');
  await verifySecondFactor(db, actor.id, code, ip, now);
  await db.transaction(async (tx) => {
    await tx.delete(userTotp).where(eq(userTotp.userId, actor.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.id));
    await recordAudit(tx, actor, { action: 'user.two_factor_disabled', entity: 'user', entityId: actor.id });
  });
}
