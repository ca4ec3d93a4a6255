import 'server-only';
// lib/composition: the one place that knows every module. It hands orders the reactions of the other modules
// and the scheduler the product's jobs, so that neither depends back on the modules it drives. Imported for
// its effect, once per process, before any work: by instrumentation.ts (the server), the CLIs and the test setup.
import {
  financeOnOrderChange,
  installApprovalPoster,
  invoicesJob,
  payForMatches,
  payrollJob,
  remindersJob,
} from '@/lib/finance';
import { matchSoon } from '@/lib/matching';
import { emailsOnOrderChange, installOrderReactions, type OrderReactions } from '@/lib/orders';
import { postApprovedBankTransferTx } from '@/lib/payments';
import { plansJob, plansOnOrderChange } from '@/lib/plans';
import { orderStatsOnOrderChange } from '@/lib/quality';
import { registerJobs } from '@/lib/scheduler';
import { suppliesOnOrderChange } from '@/lib/supplies';
import { workersOnOrderChange } from '@/lib/workers';

const reactions: OrderReactions = {
  // Finance first: its ledger entries and fees are in place before the later reactions (emails) run.
  onChange: [
    financeOnOrderChange,
    orderStatsOnOrderChange,
    workersOnOrderChange,
    suppliesOnOrderChange,
    plansOnOrderChange,
    emailsOnOrderChange,
  ],
  matchSoon,
  // A match's pay is priced by finance and written by the transition with the worker and the price.
  pay: payForMatches,
};
installOrderReactions(reactions);

/**
 * Runs `work` with matching-after-commit switched off, then puts it back. The large demo replays months of
 * business on a simulated clock and runs dispatch itself at each simulated evening; a background dispatch on
 * the real clock (and, in a script, on a second connection to the same database) must not race it.
 */
export async function withoutMatchSoon<T>(work: () => Promise<T>): Promise<T> {
  installOrderReactions({ ...reactions, matchSoon: () => {} });
  try {
    return await work();
  } finally {
    installOrderReactions(reactions);
  }
}

registerJobs(invoicesJob, payrollJob, remindersJob, plansJob);

// An admin's approval of a manager's bank transfer posts it through lib/payments (which depends on lib/finance).
installApprovalPoster('bank_transfer', postApprovedBankTransferTx);
