'use client';
import { useEffect, useRef, useState, useTransition } from 'react';
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { boardOptionsAction } from '@/app/admin/dispatch/actions';
import { Button } from '@/components/ui/button';
import { FormMessage, TextField, useErrorText } from '@/components/ui/field';
import { fromWallTime, parseDateString, toDateString, toWallTime } from '@/lib/time';
import { BoardDialog } from './board-dialog';
import type { BoardMove, MenuTarget } from './moves';

type Option = {
  workerId: string;
  name: string;
  eligible: boolean;
  overridable: boolean;
  reasons: string[];
  facts: { key: string; values: Record<string, number> }[];
  cost: number;
  current: boolean;
};

const hhmm = (d: Date, tz: string) => {
  const w = toWallTime(d, tz);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
};

/**
 * The keyboard and touch path of the board: for one order, every worker ranked by matching cost with the
 * facts behind it, the ones that need a written reason, and the ones who can't take it with why not; and a
 * date and time to move it to. Choosing a worker makes the same move a drop would.
 */
export function BoardMenu({
  target,
  timeZone,
  onMove,
  onClose,
}: {
  target: MenuTarget;
  timeZone: string;
  onMove: (move: BoardMove) => void;
  onClose: () => void;
}) {
  const t = useTranslations('board');
  const tm = useTranslations('matching');
  const format = useFormatter();
  const errorText = useErrorText();
  const [date, setDate] = useState(toDateString(target.start, timeZone));
  const [time, setTime] = useState(hhmm(target.start, timeZone));
  const [askedStart, setAskedStart] = useState<Date | null>(null);
  const [options, setOptions] = useState<Option[] | null>(null);
  const [error, setError] = useState<string>();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const [loading, startLoading] = useTransition();
  const dialog = useRef<HTMLDivElement>(null);

  const load = (start: Date | null) =>
    startLoading(async () => {
      setError(undefined);
      const r = await boardOptionsAction({ orderId: target.orderId, start: start?.toISOString() });
      if (!r.ok) return setError(errorText(r.message, r.values));
      setAskedStart(start);
      setOptions(r.data!.options);
    });

  useEffect(() => {
    load(null);
    dialog.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    // Opening the menu loads the ranking once; later loads are the manager's "show workers for this time".
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const choose = (o: Option) => {
    if (!o.eligible && reason.trim().length < 3) {
      setReasonError('matching.errors.reasonRequired');
      return;
    }
    onMove({
      orderId: target.orderId,
      number: target.number,
      workerId: o.workerId,
      workerName: o.name,
      start: askedStart ?? undefined,
      overrideReason: o.eligible ? undefined : reason.trim(),
    });
  };

  const label = askedStart ? t('move') : target.workerId ? t('reassign') : t('assign');
  const facts = (o: Option) => o.facts.map((f) => tm(`facts.${f.key}`, f.values)).join(', ');
  const why = (o: Option) => o.reasons.map((r) => tm(`reasons.${r}`)).join(', ');
  const eligible = options?.filter((o) => o.eligible) ?? [];
  const overridable = options?.filter((o) => !o.eligible && o.overridable) ?? [];
  const refused = options?.filter((o) => !o.eligible && !o.overridable) ?? [];
  const row = (o: Option, action: boolean) => (
    <li key={o.workerId} className="py-2" data-testid={`menu-worker-${o.name}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium">
          {o.name}
          {o.current ? <span className="ml-2 text-xs font-normal text-slate-500">{t('current')}</span> : null}
        </p>
        {action && !(o.current && !askedStart) ? (
          <Button
            type="button"
            variant={o.eligible ? 'primary' : 'secondary'}
            aria-label={`${label}: ${o.name}`}
            onClick={() => choose(o)}
          >
            {label}
          </Button>
        ) : null}
      </div>
      <p className="text-sm text-slate-600">
        {o.eligible
          ? `${facts(o)} · ${t('cost', { cost: format.number(o.cost, { maximumFractionDigits: 1 }) })}`
          : why(o)}
      </p>
    </li>
  );

  return (
    <BoardDialog labelledBy="board-menu-title" onClose={onClose} panelRef={dialog} sheet>
      <div className="mb-3 flex items-start justify-between gap-2">
        <h2 id="board-menu-title" className="text-lg font-semibold text-slate-900">
          {t('menuTitle', { number: target.number })}
        </h2>
        <Button type="button" variant="ghost" onClick={onClose} data-autofocus>
          {t('close')}
        </Button>
      </div>
      <Link href={`/admin/dispatch/${target.orderId}`} className="mb-3 inline-block text-emerald-700 underline">
        {t('details')}
      </Link>
      <fieldset className="mb-3 rounded-lg border border-slate-200 p-3">
        <legend className="px-1 text-sm font-medium text-slate-800">{t('moveTo')}</legend>
        <div className="grid grid-cols-2 gap-2">
          <TextField label={t('moveDate')} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
          <TextField
            label={t('moveTime')}
            type="time"
            step={900}
            value={time}
            onChange={(e) => setTime(e.target.value)}
          />
        </div>
        <Button
          type="button"
          variant="secondary"
          className="mt-2"
          disabled={loading || !date || !time}
          onClick={() => {
            const [hour, minute] = time.split(':').map(Number);
            const start = fromWallTime({ ...parseDateString(date), hour, minute }, timeZone);
            load(start.getTime() === target.start.getTime() ? null : start);
          }}
        >
          {t('showForTime')}
        </Button>
      </fieldset>
      <FormMessage message={error} />
      {loading || !options ? (
        <p role="status" className="text-sm text-slate-500">
          {t('loading')}
        </p>
      ) : (
        <div className="space-y-3">
          <section>
            <h3 className="text-sm font-semibold text-slate-800">
              {askedStart
                ? `${t('moveTo')} ${format.dateTime(askedStart, { dateStyle: 'medium', timeStyle: 'short', timeZone })}`
                : target.workerId
                  ? t('reassignTo')
                  : t('assignTo')}
            </h3>
            <h4 className="mt-2 text-xs font-medium tracking-wide text-slate-500 uppercase">{t('eligibleTitle')}</h4>
            <ul className="divide-y divide-slate-100">{eligible.map((o) => row(o, true))}</ul>
          </section>
          {overridable.length ? (
            <section>
              <h4 className="text-xs font-medium tracking-wide text-slate-500 uppercase">{t('overridableTitle')}</h4>
              <TextField
                label={t('overrideReason')}
                value={reason}
                error={reasonError}
                onChange={(e) => {
                  setReason(e.target.value);
                  setReasonError(undefined);
                }}
              />
              <ul className="divide-y divide-slate-100">{overridable.map((o) => row(o, true))}</ul>
            </section>
          ) : null}
          {refused.length ? (
            <section>
              <h4 className="text-xs font-medium tracking-wide text-slate-500 uppercase">{t('ineligibleTitle')}</h4>
              <ul className="divide-y divide-slate-100">{refused.map((o) => row(o, false))}</ul>
            </section>
          ) : null}
        </div>
      )}
    </BoardDialog>
  );
}
