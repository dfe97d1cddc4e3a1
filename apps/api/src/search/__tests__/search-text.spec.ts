import { decodeSearchCursor, encodeSearchCursor } from '../search-cursor.js';
import { foldDigits, foldLetters, markMatch, markedSnippetToHtml } from '../search-snippet.js';
import { searchTerms } from '../search-terms.js';

describe('what a search text asks for', () => {
  it.each([
    [
      '  Rückerstattung   Mai ',
      { text: 'Rückerstattung Mai', substring: '%Rückerstattung Mai%', digits: null, ticketNumber: null },
    ],
    ['+49 170 1234 5678', { digits: '%4917012345678%', digitNeedle: '4917012345678', ticketNumber: null }],
    ['0049 (170) 12-34', { digits: '%491701234%' }],
    ['0170 1234', { digits: '%1701234%' }],
    ['#1042', { ticketNumber: 1042, digits: null }],
    ['1042', { ticketNumber: 1042, digits: '%1042%' }],
    ['1042', { ticketNumber: 1042 }],
    ['12', { substring: null, digits: null, ticketNumber: 12 }],
    ['100%_sicher\\', { substring: '%100\\%\\_sicher\\\\%', digits: null }],
    ['Jo', { substring: null }],
    ['Zoë', { substring: '%Zoë%' }],
  ])('%j', (raw, expected) => {
    expect(searchTerms(raw)).toMatchObject(expected);
  });
});

describe('snippets are HTML with only the matches marked', () => {
  it('escapes the text before marking the matches PostgreSQL found', () => {
    expect(markedSnippetToHtml('a \u27e6<b>\u27e7 & "c"\n\n d \ue000x\ue001')).toBe(
      'a <mark>&lt;b&gt;</mark> &amp; &quot;c&quot; d &lt;x&gt;',
    );
  });

  it.each([
    ['Anna Müller', 'mull', foldLetters, 'Anna <mark>Müll</mark>er'],
    ['ANNA <MÜLLER>', 'müller', foldLetters, 'ANNA &lt;<mark>MÜLLER</mark>&gt;'],
    ['+4917012345678', '170 1234', foldDigits, '+49<mark>1701234</mark>5678'],
    ['+49 (170) 12-34', '1701234', foldDigits, '+49 (<mark>170) 12-34</mark>'],
    ['Anna', 'bob', foldLetters, null],
  ])('%s / %s', (label, needle, fold, expected) => {
    expect(markMatch(label, needle, fold)).toBe(expected);
  });
});

describe('search cursors', () => {
  const cursor = {
    score: 0.0607927106320858,
    updatedAt: '2026-12-06T05:40:10.123456Z',
    ticketId: '6f1c2a0e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
  };

  it('come back as they were handed out', () => {
    expect(decodeSearchCursor(encodeSearchCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ['not base64 json', 'not-a-cursor'],
    ['a list of the wrong length', Buffer.from('[1,2]').toString('base64url')],
    ['a score that is not a number', encodeSearchCursor({ ...cursor, score: 'x' as unknown as number })],
    [
      'a date that does not exist',
      encodeSearchCursor({ ...cursor, updatedAt: '2026-02-30T00:00:00.000000Z' }),
    ],
    ['a time without microseconds', encodeSearchCursor({ ...cursor, updatedAt: '2026-02-03T00:00:00Z' })],
    ['a ticket id that is not a uuid', encodeSearchCursor({ ...cursor, ticketId: "1' OR 1=1" })],
  ])('refuse %s', (_, text) => {
    expect(decodeSearchCursor(text)).toBeNull();
  });
});
