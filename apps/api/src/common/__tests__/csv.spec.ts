import { csvCell, toCsv } from '../csv.js';
import { parseCsv } from '../../test-support/parse-csv.js';

describe('CSV export cells', () => {
  it.each([
    ['plain text', 'plain text'],
    ['a, b', '"a, b"'],
    ['she said "no"', '"she said ""no"""'],
    ['line one\nline two', '"line one\nline two"'],
    ['=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
    ['+49 30 1234', "'+49 30 1234"],
    ['-1 worst ever', "'-1 worst ever"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    [-25, '-25'],
    [0.6, '0.6'],
    [null, ''],
    [undefined, ''],
  ])('%j is written as %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('nested objects become dotted columns and every row reads back as written', () => {
    const rows = [
      { key: 'a', csat: { answered: 2, share: 0.5 }, comment: 'fine, thanks\r\n"really"' },
      { key: 'b', csat: { answered: 0, share: null }, comment: '=1+1' },
    ];
    const [header, ...cells] = parseCsv(toCsv(rows));
    expect(header).toEqual(['key', 'csat.answered', 'csat.share', 'comment']);
    expect(cells).toEqual([
      ['a', '2', '0.5', 'fine, thanks\r\n"really"'],
      ['b', '0', '', "'=1+1"],
    ]);
  });
});
