import { getDb } from '@/db';
import { healthHandler } from '@/lib/health';

// Liveness (no database) and, with ?ready=1, readiness; open to anyone (proxy.ts lets it through) and never cached.
export const dynamic = 'force-dynamic';
export const GET = healthHandler(getDb);
