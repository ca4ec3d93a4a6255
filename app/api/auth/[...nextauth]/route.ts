import type { NextRequest } from 'next/server';
import { observeRoute } from '@/lib/log';
import { handlers } from '@/lib/session';

// Auth.js's endpoints, logged like every route handler (status and timing; never the body, which holds credentials).
export const GET = observeRoute('/api/auth/[...nextauth]', (request: NextRequest) => handlers.GET(request));
export const POST = observeRoute('/api/auth/[...nextauth]', (request: NextRequest) => handlers.POST(request));
