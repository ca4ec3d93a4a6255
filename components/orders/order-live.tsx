'use client';
import { useEffect, useRef } from 'react';
import { useRouter } from 'next/navigation';

export const POLL_MS = 4000;

/**
 * Keeps the order page current: polls the small status route and re-renders the server page (no reload)
 * when the order's version moves. Stops for closed orders and while the tab is hidden.
 */
export function OrderLive({
  orderId,
  version,
  closed,
  label,
}: {
  orderId: string;
  version: number;
  closed: boolean;
  label: string;
}) {
  const router = useRouter();
  const seen = useRef(version);
  useEffect(() => {
    seen.current = version;
  }, [version]);
  useEffect(() => {
    if (closed) return;
    const timer = setInterval(async () => {
      if (document.visibilityState === 'hidden') return;
      try {
        const res = await fetch(`/api/orders/${orderId}/status`, { cache: 'no-store' });
        if (!res.ok) return;
        const body = (await res.json()) as { version: number };
        if (body.version !== seen.current) {
          seen.current = body.version;
          router.refresh();
        }
      } catch {
        // Offline for a moment: the next tick tries again.
      }
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [orderId, closed, router]);
  if (closed) return null;
  return (
    <p className="flex items-center gap-2 text-xs text-slate-500" data-testid="order-live">
      <span className="inline-block size-2 animate-pulse rounded-full bg-emerald-500" aria-hidden />
      {label}
    </p>
  );
}
