import type { ReactNode } from 'react';

// Tailwind sees only whole class names, so each width a table may need is written out.
const widths = { '36rem': 'min-w-[36rem]', '40rem': 'min-w-[40rem]' } as const;

/**
 * A table of figures that scrolls sideways inside its card on a narrow screen (the page itself never does):
 * a header row of `columns` (numbers right-aligned) and the rows given as children.
 */
export function DataTable({
  minWidth,
  columns,
  testId,
  children,
}: {
  minWidth: keyof typeof widths;
  columns: readonly { label: ReactNode; align?: 'right' }[];
  testId?: string;
  children: ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table className={`w-full ${widths[minWidth]} text-sm`} data-testid={testId}>
        <thead className="text-left text-slate-500">
          <tr>
            {columns.map((c, i) => (
              <th
                key={i}
                className={
                  [i === 0 ? 'py-2' : '', c.align === 'right' ? 'text-right' : ''].join(' ').trim() || undefined
                }
              >
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 tabular-nums">{children}</tbody>
      </table>
    </div>
  );
}
