import { cronRoute } from '@/lib/scheduler';

// vercel.json calls this on schedule; lib/scheduler runs the 'invoices' job once per period, in resumable chunks.
export const maxDuration = 60;
export const GET = cronRoute('invoices');
