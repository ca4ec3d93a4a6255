import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';

/**
 * A form's list of repeated rows (a service's extras, its checklist, a quality form's questions): a fieldset
 * with its legend, each row a bordered grid, and a button that adds one.
 */
export function FieldRows<R extends { id: string }>({
  legend,
  rows,
  columns,
  testId,
  row,
  addLabel,
  onAdd,
  children,
}: {
  legend: ReactNode;
  rows: R[];
  /** The row's grid at sm and wider: its Tailwind class, e.g. 'sm:grid-cols-4'. */
  columns: string;
  testId: (i: number) => string;
  row: (r: R, i: number) => ReactNode;
  addLabel: ReactNode;
  onAdd: () => void;
  /** Shown under the legend (a message about the whole list). */
  children?: ReactNode;
}) {
  return (
    <fieldset className="space-y-3">
      <legend className="mb-2 font-semibold">{legend}</legend>
      {children}
      {rows.map((r, i) => (
        <div
          key={r.id}
          className={`grid gap-2 rounded-lg border border-slate-200 p-3 ${columns}`}
          data-testid={testId(i)}
        >
          {row(r, i)}
        </div>
      ))}
      <Button type="button" variant="secondary" onClick={onAdd}>
        {addLabel}
      </Button>
    </fieldset>
  );
}
