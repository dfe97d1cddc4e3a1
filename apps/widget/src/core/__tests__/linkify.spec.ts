import { linkify } from '../linkify.js';

describe('linkify', () => {
  it('turns http(s) URLs into links and leaves trailing punctuation as text', () => {
    expect(linkify('see https://example.com/a?b=1. ok')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
      { kind: 'text', text: '. ok' },
    ]);
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
  ])('never links %s', (text) => {
    expect(linkify(text).every((s) => s.kind === 'text')).toBe(true);
  });
});
