/**
 * The client's address as the nearest trusted proxy saw it. Each proxy appends the address it received the
 * request from to X-Forwarded-For, so with `hops` trusted proxies in front of the app the client is the
 * hops-th entry from the right; everything left of it was written by the client and is never believed.
 * Vercel sets the header to the client's address alone (1 hop); nginx with proxy_add_x_forwarded_for
 * appends it (1 hop); a load balancer in front of nginx makes 2. Without any proxy, Next.js fills the
 * header with the socket's address when the client sent none.
 */
export function clientAddress(forwardedFor: string | null, hops: number): string {
  const chain = (forwardedFor ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return 'unknown';
  // Fewer entries than trusted proxies: the request did not come through them; take the nearest we have.
  return chain[Math.max(0, chain.length - Math.max(1, hops))];
}
