import { createElement } from 'react';
import { render, toPlainText } from 'react-email';
import type { EmailContext } from './define';
import { kindDefinition, type NotificationKind } from './registry';

export type RenderedEmail = { subject: string; html: string; text: string };

/** Renders a kind in the context's language: subject, HTML and plain text. Invalid data throws. */
export async function renderEmail(kind: NotificationKind, rawData: unknown, ctx: EmailContext): Promise<RenderedEmail> {
  const def = kindDefinition(kind);
  const data = def.schema.parse(rawData);
  const t = def.strings[ctx.locale];
  const element = createElement(def.Email, { data, t, ctx });
  const html = await render(element);
  // The text version from the same HTML: one React render per email, not two.
  const text = toPlainText(html);
  return { subject: def.subject(data, t, ctx), html, text };
}
