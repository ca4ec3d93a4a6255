'use server';
import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDb } from '@/db';
import { roleAction } from '@/lib/action';
import { confirmEnrolment, disableTwoFactor, regenerateRecoveryCodes } from '@/lib/auth';
import { clientAddress, totpCodeInput } from '@/lib/auth/shared';
import { env } from '@/lib/env';

const staff = ['manager', 'admin'] as const;

/**
 * Returns the recovery codes, shown this once. The page is not revalidated here: it would swap the form (and
 * the codes on screen) for the "on" view before they are saved; the form moves on when the user says so.
 */
export const confirmEnrolmentAction = roleAction([...staff], totpCodeInput, async (input, actor) => {
  const codes = await confirmEnrolment(await getDb(), actor, input.code);
  return { codes };
});

export const regenerateRecoveryCodesAction = roleAction([...staff], z.object({}), async (_input, actor) => {
  return { codes: await regenerateRecoveryCodes(await getDb(), actor) };
});

export const disableTwoFactorAction = roleAction([...staff], totpCodeInput, async (input, actor) => {
  const ip = clientAddress((await headers()).get('x-forwarded-for'), env().TRUSTED_PROXY_HOPS);
  await disableTwoFactor(await getDb(), actor, input.code, ip);
  revalidatePath('/security');
});
