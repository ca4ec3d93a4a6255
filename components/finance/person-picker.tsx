'use client';
import { useEffect, useId, useState } from 'react';
import { useTranslations } from 'next-intl';
import { searchPeopleAction } from '@/app/admin/finance/actions';
import { useErrorText } from '@/components/ui/field';

type Person = { id: string; name: string; email: string };

const control = 'min-h-11 w-full rounded-lg border border-slate-300 bg-white px-3 text-sm';

/**
 * Finds a worker or a client on the server as the manager types (a page at a time, "more" for the next), and
 * offers the matches as radio buttons named `name`: arrow keys move between them, and the chosen one stays
 * listed while the search changes.
 */
export function PersonPicker({
  role,
  label,
  value,
  onChange,
  error,
}: {
  role: 'client' | 'worker';
  label: string;
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const t = useTranslations('finance.admin');
  const id = useId();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<{ items: Person[]; next: string | null; total: number; capped: boolean }>();
  const [chosen, setChosen] = useState<Person>();
  const [failed, setFailed] = useState(false);

  // A new search a moment after the last keystroke; a stale answer (an earlier query) is dropped.
  useEffect(() => {
    let live = true;
    const timer = setTimeout(async () => {
      const res = await searchPeopleAction({ role, q });
      if (!live) return;
      setFailed(!res.ok);
      if (res.ok && res.data) setFound(res.data);
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [role, q]);

  async function more() {
    if (!found?.next) return;
    const res = await searchPeopleAction({ role, q, cursor: found.next });
    if (res.ok && res.data) {
      const page = res.data;
      setFound({ ...page, items: [...found.items, ...page.items] });
    } else setFailed(true);
  }

  const errorText = useErrorText()(error);
  const kept = chosen && chosen.id === value ? chosen : undefined;
  const shown = [...(kept ? [kept] : []), ...(found?.items ?? []).filter((p) => p.id !== kept?.id)];
  return (
    <fieldset className="space-y-2" aria-describedby={errorText ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">{label}</legend>
      <input
        type="search"
        aria-label={t('findPerson')}
        placeholder={t('findPerson')}
        className={control}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        data-testid="person-search"
      />
      {found ? (
        <p className="text-xs text-slate-500" aria-live="polite">
          {found.capped ? t('peopleMore', { count: found.total }) : t('peopleFound', { count: found.total })}
        </p>
      ) : null}
      {failed ? <p className="text-xs text-rose-700">{t('peopleFailed')}</p> : null}
      <div className="max-h-64 space-y-1 overflow-y-auto" role="radiogroup" aria-label={label}>
        {shown.map((p) => (
          <label key={p.id} className="flex min-h-11 items-center gap-2 rounded-lg px-2 text-sm hover:bg-slate-50">
            <input
              type="radio"
              name={`${id}-person`}
              value={p.id}
              checked={p.id === value}
              onChange={() => {
                setChosen(p);
                onChange(p.id);
              }}
            />
            <span className="min-w-0 break-words">
              {p.name} <span className="text-slate-500">({p.email})</span>
            </span>
          </label>
        ))}
      </div>
      {found?.next ? (
        <button type="button" className="min-h-11 text-sm text-emerald-800 underline" onClick={more}>
          {t('peopleNext')}
        </button>
      ) : null}
      {errorText ? (
        <p id={`${id}-error`} className="text-sm text-rose-700" data-field-error>
          {errorText}
        </p>
      ) : null}
    </fieldset>
  );
}
