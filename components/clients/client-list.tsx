import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ClientListItem } from '@/lib/clients';

/**
 * The client search box (a plain GET form: the query goes in the URL, so it works without JavaScript) and
 * a page of results; `href` says where a found client leads (their record, or the booking form for them).
 */
export async function ClientSearch({
  action,
  q,
  hidden = {},
}: {
  action: string;
  q?: string;
  hidden?: Record<string, string>;
}) {
  const t = await getTranslations('clients');
  return (
    <form action={action} className="flex flex-wrap items-end gap-3" role="search">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <label className="flex min-w-0 flex-1 flex-col gap-1 text-sm font-medium text-slate-800">
        {t('search.label')}
        <input
          name="q"
          type="search"
          defaultValue={q}
          placeholder={t('search.placeholder')}
          className="min-h-11 w-full rounded-lg border border-slate-300 px-3 text-base font-normal"
          data-testid="client-search"
        />
      </label>
      <button className="min-h-11 rounded-lg border border-slate-300 bg-white px-4 text-sm font-medium">
        {t('search.submit')}
      </button>
    </form>
  );
}

export async function ClientRows({ items, href }: { items: ClientListItem[]; href: (id: string) => string }) {
  const t = await getTranslations('clients');
  if (items.length === 0) return <p className="text-sm text-slate-500">{t('search.empty')}</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="client-rows">
      {items.map((c) => (
        <li key={c.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-3 text-sm">
          <Link href={href(c.id)} className="font-medium break-words text-emerald-900 underline">
            {c.name}
          </Link>
          <span className="break-all text-slate-600">{c.email}</span>
          {c.phone ? <span className="text-slate-600">{c.phone}</span> : null}
          {c.disabled ? <span className="text-rose-700">{t('disabled')}</span> : null}
          {!c.verified ? <span className="text-amber-800">{t('unverified')}</span> : null}
        </li>
      ))}
    </ul>
  );
}
