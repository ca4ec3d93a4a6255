import Link from 'next/link';
import { useFormatter } from 'next-intl';
import type { PerformanceRow } from '@/lib/quality';

export type PerformanceCells = PerformanceRow & { name: string; href?: string };

/** The performance figures as table cells (shared by the team table and a worker's weekly trend). */
export function PerformanceTableRow({
  row,
  money,
  first,
}: {
  row: PerformanceCells;
  money: (n: number) => string;
  first: React.ReactNode;
}) {
  const format = useFormatter();
  // Percentages and ratings in the reader's format: "37,5 %" in Russian, "37.5%" in English.
  const pct = (bp: number | null) =>
    bp === null ? '—' : format.number(bp / 10_000, { style: 'percent', maximumFractionDigits: 1 });
  return (
    <tr className="border-b border-slate-100">
      <td className="py-2 pr-2">
        {row.href ? (
          <Link href={row.href} className="text-emerald-900 underline">
            {first}
          </Link>
        ) : (
          first
        )}
      </td>
      <td className="py-2 text-right">{row.completed}</td>
      <td className="py-2 text-right">{pct(row.completionRateBp)}</td>
      <td className="py-2 text-right">{pct(row.failureRateBp)}</td>
      <td className="py-2 text-right">{pct(row.declineRateBp)}</td>
      <td className="py-2 text-right">{pct(row.onTimeRateBp)}</td>
      <td className="py-2 text-right">
        {row.avgRatingX100 === null
          ? '—'
          : format.number(row.avgRatingX100 / 100, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}
      </td>
      <td className="py-2 text-right">{pct(row.avgScoreBp)}</td>
      <td className="py-2 text-right">{row.fines ? money(row.fines) : '—'}</td>
    </tr>
  );
}
