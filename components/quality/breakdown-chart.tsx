'use client';
import { useRouter } from 'next/navigation';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type ChartDatum = { label: string; cancelled: number; failed: number; href: string };

/** Stacked bars of cancelled and failed orders per group; a click on a bar opens the orders behind it. */
export function BreakdownChart({
  data,
  labels,
}: {
  data: ChartDatum[];
  labels: { cancelled: string; failed: string };
}) {
  const router = useRouter();
  if (data.length === 0) return null;
  const open = (d: unknown) => {
    const href = (d as { payload?: ChartDatum } | undefined)?.payload?.href;
    if (href) router.push(href);
  };
  return (
    <div className="h-72 w-full" data-testid="breakdown-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="label"
            tick={{ fontSize: 11 }}
            interval={0}
            angle={data.length > 4 ? -20 : 0}
            textAnchor={data.length > 4 ? 'end' : 'middle'}
            height={data.length > 4 ? 60 : 30}
          />
          <YAxis allowDecimals={false} width={32} />
          <Tooltip />
          <Legend />
          <Bar dataKey="cancelled" name={labels.cancelled} stackId="a" fill="#94a3b8" cursor="pointer" onClick={open} />
          <Bar dataKey="failed" name={labels.failed} stackId="a" fill="#be123c" cursor="pointer" onClick={open} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
