import { describe, expect, it } from 'vitest';
import ruQuality from '@/lib/i18n/messages/ru/quality.json';
import { kindDefinition, notificationKinds } from '@/emails/registry';
import { renderEmail } from '@/emails/render';
import type { EmailLocale } from '@/emails/define';

// No code meant for the program reaches a person: every email kind, rendered with every reason code the
// product records (failure, cancellation, decline and system reasons), shows words, never snake_case.
const SNAKE = /\b[a-z]+_[a-z_]+\b/;
const reasonCodes = Object.keys(ruQuality.reasons);
const ctx = (locale: EmailLocale) => ({
  locale,
  companyName: 'Чистый дом',
  appUrl: 'https://app.example',
  timeZone: 'Europe/Moscow',
  recipientName: 'Мария',
});

describe('no raw codes in emails', () => {
  it('knows the reasons to try (failure, cancellation, decline and system codes)', () => {
    expect(reasonCodes).toEqual(
      expect.arrayContaining(['poor_quality', 'plans_changed', 'illness', 'worker_deactivated']),
    );
  });

  for (const kind of notificationKinds) {
    for (const locale of ['ru', 'en'] as const) {
      it(`${kind} in ${locale}`, async () => {
        const def = kindDefinition(kind);
        const sample = def.sample as Record<string, unknown>;
        const variants: Record<string, unknown>[] = [sample];
        const shape = (def.schema as { shape?: Record<string, { options?: unknown[] }> }).shape ?? {};
        for (const field of ['reason', 'reasonCode'] as const) {
          if (!(field in sample)) continue;
          // A field of its own closed set (a charge's decline or authentication) is tried with each of its
          // values; an order reason with every reason code the product records.
          for (const code of shape[field]?.options ?? reasonCodes) variants.push({ ...sample, [field]: code });
        }
        for (const data of variants) {
          const email = await renderEmail(kind, data, ctx(locale));
          const visible = `${email.subject}\n${email.text.replace(/https?:\/\/\S+/g, '')}`;
          expect(visible, `${kind} ${locale} ${JSON.stringify(data).slice(0, 120)}`).not.toMatch(SNAKE);
        }
      });
    }
  }

  it('the client is told a failure reason in words', async () => {
    const def = kindDefinition('order_failed');
    const email = await renderEmail('order_failed', { ...(def.sample as object), reason: 'poor_quality' }, ctx('ru'));
    expect(email.text).toContain('Причина: Плохое качество');
  });
});
