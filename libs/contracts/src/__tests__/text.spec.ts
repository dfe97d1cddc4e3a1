import { asSingleLine, CONFIG_BOUNDS, isUuid, jsonBoundsProblem, withoutNul } from '../index.js';

describe('text helpers', () => {
  it('content keeps everything but NUL', () => {
    expect(withoutNul('a\u0000b\r\n\u202Ec')).toBe('ab\r\n\u202Ec');
  });

  it.each([
    ['bidi override and isolates', 'Invoice\u202Efdp.exe\u2066x\u2069', 'Invoicefdp.exex'],
    ['CR/LF and the spaces around them', 'Refund \r\n  Bcc: x', 'Refund Bcc: x'],
    ['Unicode line separators and tabs', 'a\u2028b\tc', 'a b c'],
    ['NUL and other controls', 'A\u0000d\u0007a', 'Ada'],
  ])('a one-line label loses %s', (_, input, expected) => {
    expect(asSingleLine(input)).toBe(expected);
  });

  it('only a real UUID is a UUID', () => {
    expect(isUuid('0b7c6f1e-2d3a-4c5b-8e9f-0a1b2c3d4e5f')).toBe(true);
    for (const value of ['-'.repeat(36), '0'.repeat(36), 'abcdefab-cdef-abcd-efab-cdefabcdef-a', 42, null])
      expect(isUuid(value)).toBe(false);
  });

  it('bounds JSON by depth without recursing, by size, and refuses NUL', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(jsonBoundsProblem({ a: deep }, CONFIG_BOUNDS)?.message).toBe(
      'must be nested at most 10 levels deep',
    );
    expect(jsonBoundsProblem({ a: 'x'.repeat(70_000) }, CONFIG_BOUNDS)?.message).toMatch(/at most 64 KiB/);
    expect(jsonBoundsProblem({ a: { b: ['ok', 'n\u0000'] } }, CONFIG_BOUNDS)).toEqual({
      path: ['a', 'b', 1],
      message: 'must not contain a NUL character',
    });
    expect(jsonBoundsProblem({ a: { b: ['ok'] } }, CONFIG_BOUNDS)).toBeNull();
  });
});
