import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { rows } from '@/db/connect';
import { notificationAttempts, notifications, type Locale } from '@/db/schema';
import { env } from '@/lib/env';
import { log } from '@/lib/log';
import { withSpan } from '@/lib/trace';
import { getSettings } from '@/lib/settings';
import { isNotificationKind, kindDefinition } from '@/emails/registry';
import { renderEmail, type RenderedEmail } from '@/emails/render';
import { transportFromEnv, type OutgoingEmail, type SendResult, type Transport } from './transports';
import { RenderThreadError, type RenderPool } from './render-pool-types';

/*
 * Delivery guarantees.
 *
 * Claim: a short transaction picks due rows with FOR UPDATE SKIP LOCKED, marks them 'sending' with a lease
 * (locked_until) and a fresh claim token, counts the attempt, and commits. Two dispatchers never claim the
 * same row: the second one skips rows the first has locked, and after the commit sees them as 'sending'.
 * Sending happens outside any transaction, so a slow mail server holds no locks.
 *
 * Record: after the transport answers, one transaction stores the attempt and moves the row to 'sent', back
 * to 'pending' with a backoff, or to 'dead' — only if the row still carries our claim token.
 *
 * A crash between send and record (process killed, database unreachable) leaves the row 'sending' until its
 * lease ends; then it is claimed again and sent a second time. That duplicate is bounded: at most one per
 * expired lease, and since the claim itself counts the attempt, at most notificationMaxAttempts sends in
 * all (an expired claim of the last allowed attempt becomes a dead letter instead). Resend receives the
 * same Idempotency-Key every time and drops the repeat within 24 h; over SMTP the repeat carries the same
 * Message-ID, so mail clients and logs can tell it is the same message.
 */

export type DispatchOptions = {
  now?: Date;
  transport?: Transport;
  /** Rows claimed per round (default 100): rendered one by one, then sent together (one Resend batch call). */
  batchSize?: number;
  /** Stop starting new rounds after this long (a serverless invocation's limit, with margin). */
  budgetMs?: number;
  /** How long a claim holds a row; longer than any single send may take (transport timeouts are shorter). */
  leaseSeconds?: number;
  /** Claim no more than this many rows in all. */
  limit?: number;
  /** Render on these threads (render-pool.ts) instead of this one: a batch's emails render side by side. */
  renderPool?: RenderPool;
};

export type DispatchSummary = { claimed: number; sent: number; retrying: number; dead: number };

type Claimed = {
  id: string;
  kind: string;
  toEmail: string;
  toName: string;
  locale: Locale;
  data: Record<string, unknown>;
  idempotencyKey: string;
  attempts: number;
};

const MAX_BACKOFF_SECONDS = 6 * 3600;

/** Seconds to wait after the n-th failed attempt: base × 2^(n−1), capped at 6 h. */
export function backoffSeconds(attempt: number, baseSeconds: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, baseSeconds * 2 ** Math.max(0, attempt - 1));
}

async function claim(
  db: Db,
  now: Date,
  batchSize: number,
  leaseSeconds: number,
  maxAttempts: number,
): Promise<{ token: string; rows: Claimed[] }> {
  const token = randomUUID();
  const at = now.toISOString();
  const claimed = await rows<Claimed>(
    db,
    sql`UPDATE notifications n
        SET status = 'sending', attempts = n.attempts + 1, claim_token = ${token}::uuid,
            locked_until = ${at}::timestamptz + make_interval(secs => ${leaseSeconds})
        WHERE n.id IN (
          SELECT id FROM notifications
          WHERE (status = 'pending' AND next_attempt_at <= ${at}::timestamptz)
             OR (status = 'sending' AND locked_until < ${at}::timestamptz AND attempts < ${maxAttempts})
          ORDER BY next_attempt_at
          LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED
        )
        RETURNING n.id, n.kind, n.to_email AS "toEmail", n.to_name AS "toName", n.locale, n.data,
                  n.idempotency_key AS "idempotencyKey", n.attempts`,
  );
  return { token, rows: claimed };
}

/**
 * A row whose last allowed attempt was claimed and never recorded (the dispatcher died mid-send) is not
 * tried again: it becomes a dead letter for an admin to look at, so the attempt limit bounds the sends.
 */
async function buryExpiredClaims(db: Db, now: Date, maxAttempts: number): Promise<number> {
  const buried = await db
    .update(notifications)
    .set({
      status: 'dead',
      lockedUntil: null,
      claimToken: null,
      lastError: 'The dispatcher stopped during the last attempt; it may or may not have been sent',
    })
    .where(
      and(
        eq(notifications.status, 'sending'),
        lt(notifications.lockedUntil, now),
        gte(notifications.attempts, maxAttempts),
      ),
    )
    .returning({ id: notifications.id });
  return buried.length;
}

type Outcome = 'sent' | 'retrying' | 'dead';

type Shared = {
  now: Date;
  transport: Transport;
  maxAttempts: number;
  baseSeconds: number;
  companyName: string;
  timeZone: string;
  from: string;
  appUrl: string;
  renderPool?: RenderPool;
};

/** One claimed row after rendering and sending: what the record step stores. */
type Delivered = {
  row: Claimed;
  rendered?: RenderedEmail;
  providerMessageId: string | null;
  error: string | null;
  /** A render failure: the same data will not fit its template on a retry either. */
  permanent: boolean;
  durationMs: number;
};

function errorText(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 2000);
}

/** Renders one row; a row that cannot be rendered carries its reason instead of stopping the batch. */
async function renderRow(
  row: Claimed,
  s: Shared,
): Promise<{ rendered?: RenderedEmail; error?: string; permanent?: boolean }> {
  try {
    if (!isNotificationKind(row.kind)) throw new Error(`Unknown notification kind ${row.kind}`);
    const ctx = {
      locale: row.locale,
      companyName: s.companyName,
      appUrl: s.appUrl,
      timeZone: s.timeZone,
      recipientName: row.toName,
    };
    const rendered = s.renderPool
      ? await s.renderPool.render(row.kind, row.data, ctx)
      : await renderEmail(row.kind, row.data, ctx);
    return { rendered };
  } catch (e) {
    return { error: errorText(e), permanent: !(e instanceof RenderThreadError) };
  }
}

/**
 * Renders a claimed batch one by one (rendering is CPU work: running renders side by side in one thread gains
 * nothing), or all at once on a render pool's threads, then hands every renderable email to the transport at once: its batch call where it has one (Resend), else
 * one send each, side by side, which a pooled SMTP transport spreads over its open connections.
 */
async function deliverBatch(batch: Claimed[], s: Shared): Promise<Delivered[]> {
  const renderOne = async (row: Claimed): Promise<Delivered> => {
    const started = Date.now();
    const r = await renderRow(row, s);
    return {
      row,
      rendered: r.rendered,
      providerMessageId: null,
      error: r.error ?? null,
      permanent: r.permanent ?? false,
      durationMs: Date.now() - started,
    };
  };
  const out: Delivered[] = [];
  if (s.renderPool) out.push(...(await Promise.all(batch.map(renderOne))));
  else for (const row of batch) out.push(await renderOne(row));
  const ready = out.filter((d) => d.rendered);
  const mails: OutgoingEmail[] = ready.map((d) => ({
    from: s.from,
    to: { email: d.row.toEmail, name: d.row.toName },
    subject: d.rendered!.subject,
    html: d.rendered!.html,
    text: d.rendered!.text,
    idempotencyKey: d.row.idempotencyKey,
  }));
  const started = Date.now();
  const results: SendResult[] = s.transport.sendBatch
    ? await sendInBatches(s.transport.sendBatch, s.transport.batchLimit ?? 100, mails)
    : await Promise.all(
        mails.map((m) =>
          s.transport.send(m).then(
            (r): SendResult => ({ ok: true, providerMessageId: r.providerMessageId }),
            (e: unknown): SendResult => ({ ok: false, error: errorText(e) }),
          ),
        ),
      );
  const took = Date.now() - started;
  ready.forEach((d, i) => {
    const r = results[i];
    d.durationMs += took;
    if (r.ok) d.providerMessageId = r.providerMessageId;
    else d.error = r.error;
  });
  return out;
}

async function sendInBatches(
  sendBatch: NonNullable<Transport['sendBatch']>,
  size: number,
  mails: OutgoingEmail[],
): Promise<SendResult[]> {
  const results: SendResult[] = [];
  for (let i = 0; i < mails.length; i += size) {
    const part = mails.slice(i, i + size);
    try {
      results.push(...(await sendBatch(part)));
    } catch (e) {
      const error = errorText(e);
      results.push(...part.map((): SendResult => ({ ok: false, error })));
    }
  }
  return results;
}

function outcomeOf(d: Delivered, maxAttempts: number): Outcome {
  if (d.error === null) return 'sent';
  return d.permanent || d.row.attempts >= maxAttempts ? 'dead' : 'retrying';
}

/**
 * Stores a batch's attempts and moves each row to 'sent', back to 'pending' with its backoff, or to 'dead':
 * two statements in one transaction however many rows, and only rows that still carry our claim token.
 */
async function recordBatch(db: Db, delivered: Delivered[], token: string, s: Shared): Promise<Outcome[]> {
  const outcomes = delivered.map((d) => outcomeOf(d, s.maxAttempts));
  const changes = delivered.map((d, i) => {
    // A sign-in link's token is of no use to keep once the email has really gone: it leaves the row and the
    // stored rendering. The development mailbox is the exception, since its row is the delivered copy.
    const scrubbed = d.error === null && s.transport.name !== 'mailbox' ? scrubSecrets(d.row, d.rendered) : null;
    const outcome = outcomes[i];
    return {
      id: d.row.id,
      status: outcome === 'retrying' ? 'pending' : outcome,
      last_error: d.error,
      subject: scrubbed?.subject ?? d.rendered?.subject ?? null,
      html: scrubbed?.html ?? d.rendered?.html ?? null,
      text: scrubbed?.text ?? d.rendered?.text ?? null,
      data: scrubbed?.data ?? null,
      provider_message_id: outcome === 'sent' ? d.providerMessageId : null,
      next_attempt_at:
        outcome === 'retrying'
          ? new Date(s.now.getTime() + backoffSeconds(d.row.attempts, s.baseSeconds) * 1000).toISOString()
          : null,
    };
  });
  await db.transaction(async (tx) => {
    await tx.insert(notificationAttempts).values(
      delivered.map((d) => ({
        notificationId: d.row.id,
        attemptNo: d.row.attempts,
        transport: s.transport.name,
        ok: d.error === null,
        providerMessageId: d.providerMessageId,
        error: d.error,
        durationMs: d.durationMs,
      })),
    );
    // Only while our claim holds: a row re-claimed after an expired lease belongs to the other dispatcher.
    await tx.execute(sql`
      UPDATE notifications n
         SET status = v.status::notification_status, locked_until = NULL, claim_token = NULL,
             last_error = v.last_error, transport = ${s.transport.name},
             subject = coalesce(v.subject, n.subject), html = coalesce(v.html, n.html), text = coalesce(v.text, n.text),
             data = coalesce(v.data, n.data),
             provider_message_id = CASE WHEN v.status = 'sent' THEN v.provider_message_id ELSE n.provider_message_id END,
             sent_at = CASE WHEN v.status = 'sent' THEN now() ELSE n.sent_at END,
             next_attempt_at = coalesce(v.next_attempt_at, n.next_attempt_at)
        FROM jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) AS v(
               id uuid, status text, last_error text, subject text, html text, text text, data jsonb,
               provider_message_id text, next_attempt_at timestamptz)
       WHERE n.id = v.id AND n.claim_token = ${token}::uuid`);
  });
  return outcomes;
}

export const REMOVED_SECRET = '[removed after sending]';

/** The row's data and rendering without the values of its kind's secret fields, or null if it has none. */
function scrubSecrets(
  row: Claimed,
  rendered: RenderedEmail | undefined,
): { data: Record<string, unknown>; subject?: string; html?: string; text?: string } | null {
  if (!isNotificationKind(row.kind)) return null;
  const fields = kindDefinition(row.kind).secrets ?? [];
  const values = fields.map((f) => row.data[f]).filter((v): v is string => typeof v === 'string' && v.length > 0);
  if (values.length === 0) return null;
  const data = { ...row.data };
  for (const f of fields) if (f in data) data[f] = REMOVED_SECRET;
  const clean = (s: string) => values.reduce((acc, v) => acc.split(v).join(REMOVED_SECRET), s);
  return rendered
    ? { data, subject: clean(rendered.subject), html: clean(rendered.html), text: clean(rendered.text) }
    : { data };
}

/** Sends what is due, round after round, until nothing is due, the budget is spent or the limit reached. */
export async function dispatchNotifications(db: Db, opts: DispatchOptions = {}): Promise<DispatchSummary> {
  const began = Date.now();
  const settings = await getSettings(db);
  const e = env();
  const transport = opts.transport ?? transportFromEnv();
  const batchSize = opts.batchSize ?? 100;
  const budgetMs = opts.budgetMs ?? 20_000;
  const leaseSeconds = opts.leaseSeconds ?? 300;
  const limit = opts.limit ?? Number.POSITIVE_INFINITY;
  const summary: DispatchSummary = { claimed: 0, sent: 0, retrying: 0, dead: 0 };
  const shared = {
    transport,
    maxAttempts: settings.notificationMaxAttempts,
    baseSeconds: settings.notificationRetryBaseSeconds,
    companyName: settings.companyName,
    timeZone: settings.timeZone,
    from: e.MAIL_FROM,
    appUrl: e.APP_URL.replace(/\/$/, ''),
    renderPool: opts.renderPool,
  };
  summary.dead += await buryExpiredClaims(db, opts.now ?? new Date(), shared.maxAttempts);
  for (let round = 1; summary.claimed < limit && Date.now() - began < budgetMs; round++) {
    const now = opts.now ?? new Date();
    const claimedNow = await withSpan('notifications chunk', { 'brigada.round': round }, async (span) => {
      const roundStarted = Date.now();
      const { token, rows: batch } = await claim(
        db,
        now,
        Math.min(batchSize, limit - summary.claimed),
        leaseSeconds,
        shared.maxAttempts,
      );
      span.setAttribute('brigada.claimed', batch.length);
      if (batch.length === 0) return 0;
      summary.claimed += batch.length;
      const s = { ...shared, now };
      const outcomes = await recordBatch(db, await deliverBatch(batch, s), token, s);
      const counts = { sent: 0, retrying: 0, dead: 0 };
      for (const o of outcomes) counts[o]++;
      for (const o of outcomes) summary[o]++;
      // One line per claimed batch: counts and kinds only, never a recipient.
      log().info(
        {
          job: 'notifications',
          round,
          claimed: batch.length,
          ...counts,
          transport: transport.name,
          kinds: [...new Set(batch.map((r) => r.kind))],
          durationMs: Date.now() - roundStarted,
        },
        'email chunk',
      );
      return batch.length;
    });
    if (claimedNow === 0) break;
  }
  return summary;
}
