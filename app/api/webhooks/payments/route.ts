import { getDb } from '@/db';
import { httpErrorResponse } from '@/lib/errors';
import { handlePaymentWebhook } from '@/lib/payments';
import { observeRoute } from '@/lib/log';

// The payment provider's webhook: the raw body is needed to check the signature, so it is read as text.
export const POST = observeRoute('/api/webhooks/payments', async function POST(request: Request): Promise<Response> {
  try {
    const raw = await request.text();
    const out = await handlePaymentWebhook(await getDb(), raw, request.headers);
    return Response.json(out.body, { status: out.status });
  } catch (error) {
    return httpErrorResponse(error);
  }
});
