import { getDb } from '@/db';
import { clientAddress } from '@/lib/auth/shared';
import { env } from '@/lib/env';
import { httpErrorResponse } from '@/lib/errors';
import { handlePaymentWebhook, yookassaProvider } from '@/lib/payments';
import { observeRoute } from '@/lib/log';

// YooKassa's HTTP notifications. They are not signed: the sender's address (read through the trusted proxy
// hops) must be in the company's YooKassa ranges, and the payment is fetched from the API before anything counts.
export const POST = observeRoute(
  '/api/webhooks/payments/yookassa',
  async function POST(request: Request): Promise<Response> {
    try {
      const raw = await request.text();
      const senderAddress = clientAddress(request.headers.get('x-forwarded-for'), env().TRUSTED_PROXY_HOPS);
      const out = await handlePaymentWebhook(await getDb(), raw, request.headers, yookassaProvider, { senderAddress });
      return Response.json(out.body, { status: out.status });
    } catch (error) {
      return httpErrorResponse(error);
    }
  },
);
