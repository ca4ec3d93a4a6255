'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

export type NavItem = { href: string; label: string };

export function PortalNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname();
  // The longest matching prefix is the current section.
  const current = items
    .filter((i) => pathname === i.href || pathname.startsWith(`${i.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return (
    // A scrollable bar on phones; from tablet width up every item stays in sight, wrapping to a second row when
    // the admin menu is longer than the screen is wide.
    <nav aria-label="Main" className="mx-auto max-w-6xl overflow-x-auto px-2 md:overflow-visible">
      <ul className="flex gap-1 whitespace-nowrap md:flex-wrap">
        {items.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={current?.href === item.href ? 'page' : undefined}
              className="inline-block border-b-2 border-transparent px-3 py-2 text-sm text-slate-600 hover:text-slate-900 aria-[current=page]:border-emerald-700 aria-[current=page]:font-medium aria-[current=page]:text-emerald-800"
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
