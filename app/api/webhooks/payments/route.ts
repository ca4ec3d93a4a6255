import { getDb } from '@/db';
import { httpErrorResponse } from '@/lib/errors';
import { handlePaymentWebhook, stripeProvider } from '@/lib/payments';
import { observeRoute } from '@/lib/log';

// Stripe's webhook: the raw body is needed to check the signature, so it is read as text.
export const POST = observeRoute('/api/webhooks/payments', async function POST(request: Request): Promise<Response> {
  try {
    const raw = await request.text();
    const out = await handlePaymentWebhook(await getDb(), raw, request.headers, stripeProvider);
    return Response.json(out.body, { status: out.status });
  } catch (error) {
    return httpErrorResponse(error);
  }
});
