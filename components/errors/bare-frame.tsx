import Link from 'next/link';
import type { ReactNode } from 'react';

/**
 * The frame of a page shown outside the portals (a root error, 403 or 404): the brand linking home above a
 * narrow main column. Plain markup, so both the client error boundary and the server pages use it.
 */
export function BareFrame({ brand, center, children }: { brand: string; center?: boolean; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="mx-auto flex max-w-md items-center px-4 py-4">
        <Link href="/" className="text-lg font-bold text-emerald-800">
          {brand}
        </Link>
      </header>
      <main className={`mx-auto max-w-md px-4 pb-12${center ? ' text-center' : ''}`}>{children}</main>
    </div>
  );
}
