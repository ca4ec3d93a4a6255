import Link from 'next/link';
import type { ReactNode } from 'react';

/** A row of links that switch a list's view (a queue, a status), the current one marked for screen readers. */
export function TabLinks({
  label,
  tabs,
}: {
  label: string;
  tabs: { key: string; href: string; current: boolean; testId: string; content: ReactNode }[];
}) {
  return (
    <nav className="flex flex-wrap gap-2" aria-label={label}>
      {tabs.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.current ? 'page' : undefined}
          className={`min-h-11 rounded-lg border px-3 py-2 text-sm ${tab.current ? 'border-emerald-700 bg-emerald-50 font-semibold text-emerald-900' : 'border-slate-300 bg-white'}`}
          data-testid={tab.testId}
        >
          {tab.content}
        </Link>
      ))}
    </nav>
  );
}
