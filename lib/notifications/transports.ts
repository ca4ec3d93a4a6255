import 'server-only';
import { createHash } from 'node:crypto';
import { env, isDemo } from '@/lib/env';

export type OutgoingEmail = {
  from: string;
  to: { email: string; name: string };
  subject: string;
  html: string;
  text: string;
  /** The notification's idempotency key: Resend's Idempotency-Key, and the basis of the SMTP Message-ID. */
  idempotencyKey: string;
};

export type TransportName = 'resend' | 'smtp' | 'mailbox' | 'none';

export type Transport = {
  name: TransportName;
  /** Resolves with the provider's message id; throws when the provider refused or could not be reached. */
  send: (mail: OutgoingEmail) => Promise<{ providerMessageId: string }>;
};

/** Same key, same Message-ID: a re-sent copy is recognisably the same message to mail clients and logs. */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'brigada.local';
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`;
}

export function smtpTransport(url: string): Transport {
  // Created on first use; nodemailer's pool keeps a few connections open between sends.
  let transporter: import('nodemailer').Transporter | undefined;
  return {
    name: 'smtp',
    async send(mail) {
      if (!transporter) {
        const nodemailer = await import('nodemailer');
        // Short timeouts: a send must end well inside the dispatcher's claim lease.
        const u = new URL(url);
        transporter = nodemailer.createTransport({
          host: u.hostname,
          port: u.port ? Number(u.port) : undefined,
          secure: u.protocol === 'smtps:',
          auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
          pool: true,
          maxConnections: 4,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        });
      }
      const info = await transporter.sendMail({
        from: mail.from,
        to: { name: mail.to.name, address: mail.to.email },
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: messageIdFor(mail.idempotencyKey, mail.from),
      });
      return { providerMessageId: info.messageId };
    },
  };
}

export function resendTransport(apiKey: string): Transport {
  // Lazy: the SDK is constructed on the first send, never at import (it throws without a key).
  let client: import('resend').Resend | undefined;
  return {
    name: 'resend',
    async send(mail) {
      if (!client) {
        const { Resend } = await import('resend');
        client = new Resend(apiKey);
      }
      // Resend keeps an idempotency key for 24 h: a second send with the same key returns the first email.
      const { data, error } = await client.emails.send(
        {
          from: mail.from,
          to: [`${mail.to.name} <${mail.to.email}>`],
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
        },
        { idempotencyKey: mail.idempotencyKey.slice(0, 256) },
      );
      if (error || !data) throw new Error(`Resend: ${error?.name ?? 'error'}: ${error?.message ?? 'no data'}`);
      return { providerMessageId: data.id };
    },
  };
}

/** The development mailbox: the email is already stored on its outbox row; "sending" only marks it delivered. */
export const mailboxTransport: Transport = {
  name: 'mailbox',
  send: async (mail) => ({
    providerMessageId: `mailbox:${createHash('sha256').update(mail.idempotencyKey).digest('hex').slice(0, 16)}`,
  }),
};

/** A production server with no provider configured: every send fails, so emails wait (and show up as failing). */
const noTransport: Transport = {
  name: 'none',
  send: async () => {
    throw new Error('No email transport configured: set RESEND_API_KEY or SMTP_URL');
  },
};

/**
 * The development mailbox is on when no provider is configured and the demo features are asked for
 * (`next dev`, tests, or BRIGADA_DEMO=1 as on the e2e server). A production server without a provider gets
 * no mailbox: its emails fail and wait visibly in /admin/outbox instead of being shown to anyone, and
 * /dev/mailbox is a 404 there.
 */
export function mailboxEnabled(): boolean {
  const e = env();
  if (e.RESEND_API_KEY || e.SMTP_URL) return false;
  return isDemo(e);
}

let configured: Transport | undefined;

/** Resend when RESEND_API_KEY, else SMTP when SMTP_URL, else the development mailbox (see mailboxEnabled). */
export function transportFromEnv(): Transport {
  if (configured) return configured;
  const e = env();
  configured = e.RESEND_API_KEY
    ? resendTransport(e.RESEND_API_KEY)
    : e.SMTP_URL
      ? smtpTransport(e.SMTP_URL)
      : mailboxEnabled()
        ? mailboxTransport
        : noTransport;
  return configured;
}
