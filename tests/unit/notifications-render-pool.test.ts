import { afterAll, describe, expect, it } from 'vitest';
import { kinds, notificationKinds } from '@/emails/registry';
import { renderEmail } from '@/emails/render';
import type { EmailLocale } from '@/emails/define';
import { createRenderPool, RenderThreadError } from '@/lib/notifications/render-pool';

const ctx = (locale: EmailLocale) => ({
  locale,
  companyName: 'Чистый дом',
  appUrl: 'https://app.example',
  timeZone: 'Europe/Moscow',
  recipientName: 'Мария <& "Ко">',
});

// The dispatcher's render threads (issue 17: 100 000 emails rendered on every core, not one).
describe('the render pool', () => {
  const pool = createRenderPool(2);
  afterAll(() => pool.close());

  it('renders every kind in both languages exactly as this thread does, all at once', async () => {
    const jobs = notificationKinds.flatMap((kind) => (['ru', 'en'] as const).map((locale) => ({ kind, locale })));
    const pooled = await Promise.all(jobs.map((j) => pool.render(j.kind, kinds[j.kind].sample, ctx(j.locale))));
    for (const [i, j] of jobs.entries())
      expect(pooled[i], `${j.kind} ${j.locale}`).toEqual(
        await renderEmail(j.kind, kinds[j.kind].sample, ctx(j.locale)),
      );
  }, 120_000);

  it('answers data that does not fit the kind with the validation error, and keeps rendering', async () => {
    await expect(pool.render('worker_matched', { order: {} }, ctx('en'))).rejects.toThrow(/order/);
    await expect(pool.render('welcome', kinds.welcome.sample, ctx('en'))).resolves.toMatchObject({
      subject: expect.any(String),
    });
  }, 60_000);

  it('fails what is still queued once closed, as a thread error (retried later, not a dead letter)', async () => {
    const other = createRenderPool(1);
    const queued = expect(other.render('welcome', kinds.welcome.sample, ctx('ru'))).rejects.toBeInstanceOf(
      RenderThreadError,
    );
    await other.close();
    await queued;
    await expect(other.render('welcome', kinds.welcome.sample, ctx('ru'))).rejects.toBeInstanceOf(RenderThreadError);
  }, 60_000);
});
