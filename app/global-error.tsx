'use client';

import type { ErrorBoundaryProps } from '@/components/errors/error-view';
import './globals.css';

// The root layout itself failed, so there are no messages and no language to ask: this page stands alone, with
// its own <html>, and says everything in both languages.
const words = {
  ru: {
    title: 'Что-то пошло не так',
    text: 'Страница не открылась из-за ошибки на нашей стороне. Попробуйте ещё раз; если ошибка повторится, сообщите в поддержку код ошибки.',
    reference: 'Код ошибки',
    tryAgain: 'Попробовать ещё раз',
    home: 'На главную',
  },
  en: {
    title: 'Something went wrong',
    text: 'The page did not open because of an error on our side. Try again; if it happens again, give support the reference below.',
    reference: 'Reference',
    tryAgain: 'Try again',
    home: 'Go to the start page',
  },
} as const;

export default function GlobalError({ error, reset, retry }: ErrorBoundaryProps) {
  return (
    <html lang="ru">
      <head>
        <title>Бригада · Brigada</title>
      </head>
      <body className="min-h-screen bg-white font-sans text-slate-900">
        <header className="mx-auto max-w-md px-4 py-4">
          {/* A plain link, a full page load: the router may be what broke. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
          <a href="/" className="text-lg font-bold text-emerald-800">
            Бригада · Brigada
          </a>
        </header>
        <main className="mx-auto max-w-md space-y-8 px-4 pb-12 text-center" data-testid="error-page">
          {(['ru', 'en'] as const).map((lang) => (
            <section key={lang} lang={lang} aria-labelledby={`global-error-${lang}`}>
              {lang === 'ru' ? (
                <h1 id="global-error-ru" className="text-2xl font-semibold">
                  {words.ru.title}
                </h1>
              ) : (
                <h2 id="global-error-en" className="text-2xl font-semibold">
                  {words.en.title}
                </h2>
              )}
              <p className="mt-2 text-slate-600">{words[lang].text}</p>
              {error.digest ? (
                <p className="mt-4 text-sm text-slate-700">
                  {words[lang].reference}:{' '}
                  <code className="rounded bg-slate-100 px-2 py-1 font-mono break-all select-all">{error.digest}</code>
                </p>
              ) : null}
              <div className="mt-6 flex flex-wrap justify-center gap-2">
                <button
                  type="button"
                  onClick={retry ?? reset}
                  className="min-h-11 rounded-lg bg-emerald-700 px-4 py-2 text-sm font-medium text-white hover:bg-emerald-800"
                >
                  {words[lang].tryAgain}
                </button>
                {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
                <a
                  href="/"
                  className="inline-flex min-h-11 items-center rounded-lg border border-slate-300 px-4 py-2 text-sm font-medium"
                >
                  {words[lang].home}
                </a>
              </div>
            </section>
          ))}
        </main>
      </body>
    </html>
  );
}
