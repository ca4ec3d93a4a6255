import 'server-only';
import type { ChunkResult, JobDef } from '@/lib/scheduler/shared';
import { isMonday, lastClosedWeek, weekBounds } from '@/lib/scheduler/shared';
import { getSettings } from '@/lib/settings';
import { addDays, toDateString } from '@/lib/time';
import { invoiceBatch } from './generate';
import { notifyIssuedInvoices } from './notify';

const CLIENTS_PER_CHUNK = 100_000;
const EMAILS_PER_CHUNK = 10_000;

/**
 * Weekly invoices, period = the Monday of the closed week. Phase 'invoice' bills the next block of
 * clients per chunk (cursor: the last client id) and queues their invoice_issued emails in the same
 * transaction (set-based, so 100 000 emails are a few statements); phase 'notify' then queues any left
 * (invoices another transaction held at the time). Both phases select by state (not yet invoiced / not yet announced), so a repeated or
 * resumed chunk does nothing twice.
 */
export const invoicesJob: JobDef = {
  name: 'invoices',
  periodKind: 'week',
  defaultPeriod: lastClosedWeek,
  validPeriod: isMonday,
  periodEnd: (period, timeZone) => weekBounds(period, timeZone).end,
  chunk: async (tx, ctx): Promise<ChunkResult> => {
    if (ctx.cursor.phase !== 'notify') {
      const settings = await getSettings(tx);
      // The period has closed (runJob refuses an open one), so its end bounds what is billed.
      const { end: until } = weekBounds(ctx.period, ctx.timeZone);
      const issueDate = toDateString(ctx.now, ctx.timeZone);
      const result = await invoiceBatch(tx, {
        until,
        periodFrom: ctx.period,
        periodTo: addDays(ctx.period, 6),
        issuedAt: ctx.now,
        dueDate: addDays(issueDate, settings.invoiceDueDays),
        year: Number(issueDate.slice(0, 4)),
        currency: settings.currency,
        afterClientId: typeof ctx.cursor.after === 'string' ? ctx.cursor.after : null,
        limit: ctx.chunkSize ?? CLIENTS_PER_CHUNK,
      });
      const limit = ctx.chunkSize ?? CLIENTS_PER_CHUNK;
      const emails = result.invoices ? await notifyIssuedInvoices(tx, limit) : 0;
      const counts: Record<string, number> = result.invoices
        ? { invoices: result.invoices, lines: result.lines, total: result.total, emails }
        : {};
      // Fewer clients than the chunk holds: nobody is left, so skip the empty pass that would prove it.
      return {
        done: false,
        cursor: result.invoices < limit ? { phase: 'notify' } : { phase: 'invoice', after: result.lastClientId },
        counts,
      };
    }
    const emailed = await notifyIssuedInvoices(tx, ctx.chunkSize ?? EMAILS_PER_CHUNK);
    return {
      done: emailed < (ctx.chunkSize ?? EMAILS_PER_CHUNK),
      cursor: { phase: 'notify' },
      counts: emailed ? { emails: emailed } : {},
    };
  },
};
