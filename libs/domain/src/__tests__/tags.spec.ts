import { normalizeTag, normalizeTags } from '../tags.js';
import { policyMatches } from '../sla/sla-policy-select.js';

describe('tags have one spelling', () => {
  it.each([
    ['Export PDF', 'export pdf'],
    ['  export   pdf ', 'export pdf'],
    ['EXPORT\tPDF', 'export pdf'],
    ['Café', 'café'],
    ['Cafe\u0301', 'café'],
  ])('%j is stored as %j', (typed, stored) => {
    expect(normalizeTag(typed)).toBe(stored);
  });

  it('keeps each tag once, in the order first given, without blanks', () => {
    expect(normalizeTags(['VIP', 'Export PDF', ' export pdf', 'vip', '   '])).toEqual(['vip', 'export pdf']);
  });

  it('an SLA condition matches a tag however either was typed', () => {
    const ticket = { priority: 'normal' as const, channel: 'email', teamId: null, tags: ['vip'] };
    expect(policyMatches({ tags: ['VIP'] }, ticket)).toBe(true);
    expect(policyMatches({ tags: ['Enterprise'] }, ticket)).toBe(false);
  });
});
