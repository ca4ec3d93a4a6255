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

/** Returns the recovery codes, shown this once. */
export const confirmEnrolmentAction = roleAction([...staff], totpCodeInput, async (input, actor) => {
  const codes = await confirmEnrolment(await getDb(), actor, input.code);
  revalidatePath('/security');
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
