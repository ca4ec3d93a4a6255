/**
 * `npm run email:dev`: every template in both languages with its sample data, served at
 * http://localhost:3030 (EMAIL_PREVIEW_PORT to change). `--out <dir>` writes the HTML files instead.
 * The script runs under `tsx watch`, so the server restarts when a template changes.
 */
import { createServer } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EmailLocale } from './define';

const locales: EmailLocale[] = ['ru', 'en'];
const ctx = (locale: EmailLocale) => ({
  locale,
  companyName: 'Чистый дом',
  appUrl: 'http://localhost:3000',
  timeZone: 'Europe/Moscow',
  recipientName: locale === 'ru' ? 'Мария' : 'Maria',
});

async function load() {
  const registry = await import('./registry');
  const { renderEmail } = await import('./render');
  return { ...registry, renderEmail };
}

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

async function indexPage(): Promise<string> {
  const { notificationKinds, kindDefinition } = await load();
  const rows = notificationKinds
    .map((k) => {
      const def = kindDefinition(k);
      const links = locales.map((l) => `<a href="/${k}/${l}">${l}</a> · <a href="/${k}/${l}.txt">txt</a>`).join(' | ');
      return `<tr><td><code>${k}</code></td><td>${def.audience}</td><td>${def.essential ? 'essential' : 'optional'}</td><td>${links}</td></tr>`;
    })
    .join('');
  return `<!doctype html><meta charset="utf-8"><title>Brigada emails</title><body style="font-family:sans-serif;padding:16px"><h1>Email templates</h1><table cellpadding="6">${rows}</table></body>`;
}

async function main() {
  const outIdx = process.argv.indexOf('--out');
  if (outIdx > 0) {
    const dir = path.resolve(process.argv[outIdx + 1] ?? '.data/email-preview');
    mkdirSync(dir, { recursive: true });
    const { notificationKinds, kindDefinition, renderEmail } = await load();
    for (const k of notificationKinds)
      for (const l of locales) {
        const email = await renderEmail(k, kindDefinition(k).sample, ctx(l));
        writeFileSync(path.join(dir, `${k}.${l}.html`), email.html);
        writeFileSync(path.join(dir, `${k}.${l}.txt`), `Subject: ${email.subject}\n\n${email.text}`);
      }
    writeFileSync(path.join(dir, 'index.html'), await indexPage());
    console.log(`Wrote ${notificationKinds.length * 2} emails to ${dir}`);
    return;
  }
  const port = Number(process.env.EMAIL_PREVIEW_PORT ?? 3030);
  createServer((req, res) => {
    void (async () => {
      try {
        const [, kind, file] = (req.url ?? '/').split('?')[0].split('/');
        if (!kind) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(await indexPage());
          return;
        }
        const { isNotificationKind, kindDefinition, renderEmail } = await load();
        const [locale, ext] = (file ?? 'ru').split('.');
        if (!isNotificationKind(kind) || (locale !== 'ru' && locale !== 'en')) {
          res.writeHead(404).end('not found');
          return;
        }
        const email = await renderEmail(kind, kindDefinition(kind).sample, ctx(locale));
        if (ext === 'txt')
          res
            .writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
            .end(`Subject: ${email.subject}\n\n${email.text}`);
        else
          res
            .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
            .end(
              email.html.replace(
                '<body',
                `<div style="font:14px sans-serif;padding:8px;background:#fffbe6">Subject: ${escape(email.subject)} · <a href="/">all templates</a></div><body`,
              ),
            );
      } catch (error) {
        res
          .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
          .end(error instanceof Error ? error.stack : String(error));
      }
    })();
  }).listen(port, () => console.log(`Email previews on http://localhost:${port}`));
}

void main();
