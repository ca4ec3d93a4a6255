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

export function toCsv(header: string[], rows: CsvCell[][], opts: { delimiter?: ',' | ';' } = {}): string {
  return stringify([header, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : c)))], {
    delimiter: opts.delimiter ?? ',',
    record_delimiter: 'windows',
    // A line break inside a cell is quoted too (csv-stringify quotes only the record delimiter itself).
    quoted_match: /[\r\n]/,
    cast: { string: neutralise, number: (n) => String(n) },
  });
}
