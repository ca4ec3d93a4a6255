import { stringify } from 'csv-stringify/sync';

// The one CSV writer of every export (trial balance, payroll bank file, analysis, orders, …): RFC 4180
// quoting by csv-stringify, CRLF line ends, and cells neutralised against formula injection.

/** A cell a spreadsheet would run as a formula: a leading =, +, -, @, tab or carriage return. */
const FORMULA = /^[=+\-@\t\r]/;
/** A plain number ("-12.50", "+3") is data, not a formula, and keeps its sign. */
const PLAIN_NUMBER = /^[-+]?\d+([.,]\d+)?$/;

export function neutralise(cell: string): string {
  return FORMULA.test(cell) && !PLAIN_NUMBER.test(cell) ? `'${cell}` : cell;
}

export type CsvCell = string | number | null | undefined;
type CsvOptions = { delimiter?: ',' | ';' };

/** Rows as CSV text with no header line: one piece of a longer file. */
export function csvLines(rows: CsvCell[][], opts: CsvOptions = {}): string {
  return stringify(
    rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : c))),
    {
      delimiter: opts.delimiter ?? ',',
      record_delimiter: 'windows',
      // A line break inside a cell is quoted too (csv-stringify quotes only the record delimiter itself).
      quoted_match: /[\r\n]/,
      cast: { string: neutralise, number: (n) => String(n) },
    },
  );
}

export function toCsv(header: string[], rows: CsvCell[][], opts: CsvOptions = {}): string {
  return csvLines([header, ...rows], opts);
}

/** Minor units as a decimal in major units ("-1234.50"), exact (no floating point) for any safe integer. */
export function csvMoney(minor: number): string {
  const abs = Math.abs(minor);
  return `${minor < 0 ? '-' : ''}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * A CSV file written as it is read: the header, then each batch of rows as the source yields it (a keyset
 * walk over the whole filtered set), so an export of a million rows never sits in memory. It starts with a
 * BOM so a spreadsheet opens it as UTF-8. Cancelling the download stops the walk.
 */
export function csvStream(
  header: string[],
  batches: AsyncIterable<CsvCell[][]>,
  opts: CsvOptions = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLines([header], opts)}`));
    },
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else if (value.length > 0) controller.enqueue(encoder.encode(csvLines(value, opts)));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** The download response of a CSV export: personal data, so never kept by the browser or a shared cache. */
export function csvResponse(filename: string, body: string | ReadableStream<Uint8Array>): Response {
  return new Response(typeof body === 'string' ? `\uFEFF${body}` : body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'cache-control': 'no-store',
      'content-disposition': `attachment; filename="${filename}"`,
    },
  });
}
