import { citedIndexes, renumberCitations, summaryParts, transcript } from '../assist-prompts.js';

describe('assist prompts and answers', () => {
  it('splits a summary into the parts of a handoff note, whatever the model does with markdown', () => {
    expect(
      summaryParts(
        '**The customer wants:** a new invoice\nfor March\n- **What was tried:** resent it\nwhat comes next: check the address',
      ),
    ).toEqual({ customerWants: 'a new invoice\nfor March', tried: 'resent it', next: 'check the address' });
  });

  it('has no parts when the model ignored the labels', () => {
    expect(summaryParts('Customer wants a refund; nothing done yet.')).toBeNull();
  });

  it.each([
    ['one citation', 'See [2].', 3, [1]],
    ['several, in order, once each', 'As [3] and [1] say, and [3] again', 3, [0, 2]],
    ['a number beyond the articles given', 'See [4] and [0].', 3, []],
  ])('reads citations: %s', (_what, text, count, expected) => {
    expect(citedIndexes(text, count)).toEqual(expected);
  });

  it('numbers the citations after the cited articles, so they match the links listed under the draft', () => {
    expect(renumberCitations('As [3] and [1] say, see [3]; not [7].', [0, 2])).toBe(
      'As [2] and [1] say, see [2]; not [7].',
    );
  });

  it('keeps the newest messages of a long conversation and says that older ones were left out', () => {
    const lines = Array.from({ length: 40 }, (_, i) => ({
      direction: (i % 2 ? 'out' : 'in') as 'in' | 'out',
      kind: 'message' as const,
      text: `message ${i} ${'x'.repeat(1000)}`,
    }));
    const text = transcript(lines);
    expect(text.length).toBeLessThanOrEqual(16_100);
    expect(text.startsWith('(earlier messages left out)')).toBe(true);
    expect(text).toContain('Agent: message 39');
    expect(text).not.toContain('message 0 ');
  });
});
