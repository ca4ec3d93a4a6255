import { describe, expect, it } from 'vitest';
import { neutralise, toCsv } from '@/lib/csv';

describe('the one CSV writer', () => {
  it('neutralises every cell a spreadsheet would run as a formula, and only those', () => {
    for (const bad of ['=HYPERLINK("http://evil","x")', '+1+2', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])
      expect(neutralise(bad), JSON.stringify(bad)).toBe(`'${bad}`);
    for (const ok of ['Анна', '-12.50', '+3', '1 500,00', 'a=b', 'e-mail']) expect(neutralise(ok)).toBe(ok);
  });

  it('quotes what needs quoting, with CRLF line ends, and either delimiter', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          [null, -5],
        ],
      ),
    ).toBe('a,b\r\n"x,y","say ""hi"""\r\n,-5\r\n');
    expect(toCsv(['a', 'b'], [['x;y', 'line\nbreak']], { delimiter: ';' })).toBe('a;b\r\n"x;y";"line\nbreak"\r\n');
  });
});

describe('every export goes through it', () => {
  it('the trial balance: a client named like a formula is text', async () => {
    const { trialBalanceCsv } = await import('@/lib/finance/history');
    const csv = trialBalanceCsv({
      rows: [
        {
          code: 'receivable:c1',
          type: 'receivable',
          ownerName: '=HYPERLINK("http://evil.example","x")',
          debits: 100_000,
          credits: 0,
          balance: 100_000,
        },
      ],
      totalDebit: 100_000,
      totalCredit: 0,
      currency: 'RUB',
    } as Parameters<typeof trialBalanceCsv>[0]);
    expect(csv).toContain(
      `receivable:c1,receivable,"'=HYPERLINK(""http://evil.example"",""x"")",1000.00,0.00,1000.00,0.00`,
    );
  });
});
