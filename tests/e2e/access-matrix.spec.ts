import { expect, test, type APIRequestContext } from '@playwright/test';
import { accessRules } from './access';
import type { Outcome, Who } from './access/types';
import { demo, signIn } from './helpers';

const who: Who[] = ['anonymous', 'client', 'worker', 'manager', 'admin'];

async function check(request: APIRequestContext, rule: (typeof accessRules)[number], role: Who) {
  const res =
    rule.method === 'POST'
      ? await request.post(rule.path, { data: rule.body ?? {}, maxRedirects: 0 })
      : await request.get(rule.path, { maxRedirects: 0 });
  const expected: Outcome = rule.expect[role];
  const label = `${role} ${rule.method ?? 'GET'} ${rule.path}`;
  if (expected === 'ok') expect(res.status(), label).toBe(200);
  else if (expected === 'login') {
    expect([302, 303, 307, 308], label).toContain(res.status());
    expect(res.headers()['location'], label).toContain('/login');
  } else expect(res.status(), label).toBe(expected);
}

for (const role of who) {
  test(`access matrix as ${role}`, async ({ browser }) => {
    // Every rule of the matrix, one request each, while another worker uses the server: beyond a minute on a
    // loaded machine.
    test.setTimeout(120_000);
    const context = await browser.newContext();
    if (role !== 'anonymous') await signIn(await context.newPage(), demo[role]);
    if (role !== 'anonymous')
      await expect.poll(async () => (await context.cookies()).some((c) => c.name.includes('session-token'))).toBe(true);
    for (const rule of accessRules) await check(context.request, rule, role);
    await context.close();
  });
}
