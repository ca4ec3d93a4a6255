/**
 * Shows an email's HTML isolated from the page: a sandboxed iframe with no scripts, no same-origin access
 * and no navigation of the top page.
 */
export function EmailFrame({ html, title }: { html: string; title: string }) {
  return (
    <iframe
      title={title}
      sandbox=""
      srcDoc={html}
      className="h-[600px] w-full rounded-lg border border-slate-200 bg-white"
      data-testid="email-frame"
    />
  );
}

export function PlainText({ text, label }: { text: string; label: string }) {
  return (
    <details className="mt-3">
      <summary className="cursor-pointer text-sm text-slate-600">{label}</summary>
      <pre
        className="mt-2 overflow-x-auto whitespace-pre-wrap rounded-lg bg-slate-50 p-3 text-xs text-slate-800"
        data-testid="email-text"
      >
        {text}
      </pre>
    </details>
  );
}
