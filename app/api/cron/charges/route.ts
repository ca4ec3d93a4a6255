import { chargeDue } from '@/lib/payments';
import { sweepRoute } from '@/lib/scheduler';

// Hourly (vercel.json): charges saved cards for what open invoices, or completed visits past their review window,
// owe (company setting autoCharge). A sweep, not a period job: the provider is called outside any transaction,
// and each invoice's or visit's attempt is claimed under its own lock, so overlapping calls charge once; what a
// call leaves undone is still due for the next one.
export const maxDuration = 60;
export const GET = sweepRoute('charges', (db) => chargeDue(db, { budgetMs: 45_000 }));
