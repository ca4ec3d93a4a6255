import { cronRoute } from '@/lib/scheduler';

// vercel.json calls this daily; lib/scheduler runs the 'plans' job once per day, in resumable chunks:
// every recurring plan gets its visits placed up to the horizon.
export const maxDuration = 60;
export const GET = cronRoute('plans');
