'use client';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type TrendDatum = {
  week: string;
  completed: number;
  failed: number;
  onTime: number | null;
  score: number | null;
};

/** A worker's weeks: orders done and failed (left axis), on-time and quality percentages (right axis). */
export function TrendChart({
  data,
  labels,
}: {
  data: TrendDatum[];
  labels: { completed: string; failed: string; onTime: string; score: string };
}) {
  if (data.length === 0) return null;
  return (
    <div className="h-72 w-full" data-testid="trend-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="week" tick={{ fontSize: 11 }} />
          <YAxis yAxisId="n" allowDecimals={false} width={28} />
          <YAxis yAxisId="pct" orientation="right" domain={[0, 100]} width={32} />
          <Tooltip />
          <Legend />
          <Line yAxisId="n" type="monotone" dataKey="completed" name={labels.completed} stroke="#047857" />
          <Line yAxisId="n" type="monotone" dataKey="failed" name={labels.failed} stroke="#be123c" />
          <Line yAxisId="pct" type="monotone" dataKey="onTime" name={labels.onTime} stroke="#0369a1" connectNulls />
          <Line yAxisId="pct" type="monotone" dataKey="score" name={labels.score} stroke="#a16207" connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
