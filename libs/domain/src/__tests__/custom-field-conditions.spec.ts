import { customFieldsMatch, matchesCustomFieldCondition } from '../custom-field-conditions.js';
import { matchesCondition, type RuleFacts } from '../rules.js';

const values = {
  plan: 'pro',
  seats: 250,
  vip: true,
  addons: ['sso', 'audit'],
  renewal: '2027-01-31',
  note: 'Big Client',
};

describe('custom field conditions', () => {
  it.each([
    ['plan', 'is', ['pro'], true],
    ['plan', 'is', ['basic', 'pro'], true],
    ['plan', 'is', ['Pro'], false],
    ['plan', 'is_not', ['pro'], false],
    ['seats', 'is', ['250'], true],
    ['seats', 'is', [''], false],
    ['seats', 'gt', ['100'], true],
    ['seats', 'lt', ['100'], false],
    ['seats', 'gt', ['lots'], false],
    ['vip', 'is', ['true'], true],
    ['vip', 'is', ['false'], false],
    ['addons', 'is', ['sso'], true],
    ['addons', 'contains', ['audit'], true],
    ['addons', 'not_contains', ['api'], true],
    ['renewal', 'lt', ['2027-06-01'], true],
    ['renewal', 'gt', ['2027-06-01'], false],
    ['note', 'contains', ['big'], true],
    ['missing', 'is', [null], true],
    ['missing', 'is', ['x'], false],
    ['missing', 'is_not', ['x'], true],
    ['missing', 'gt', ['1'], false],
    ['plan', 'changed', [], false],
  ] as const)('%s %s %j → %s', (key, op, wanted, expected) => {
    expect(matchesCustomFieldCondition(key, op, wanted as unknown as Array<string | null>, values)).toBe(
      expected,
    );
  });

  it('rule conditions on customFields.<key> read the facts’ custom fields', () => {
    const facts = { status: 'open', tags: [], customFields: values } as unknown as RuleFacts;
    expect(matchesCondition({ field: 'customFields.plan', op: 'is', value: 'pro' }, facts, null)).toBe(true);
    expect(matchesCondition({ field: 'customFields.seats', op: 'lt', value: '10' }, facts, null)).toBe(false);
  });

  it.each([
    [undefined, true],
    [{}, true],
    [{ plan: ['enterprise', 'pro'] }, true],
    [{ plan: ['enterprise'] }, false],
    [{ plan: ['pro'], seats: ['250'] }, true],
    [{ plan: [] }, true],
    [{ region: ['eu'] }, false],
  ])('SLA policy conditions %j hold: %s', (conditions, expected) => {
    expect(customFieldsMatch(conditions, values)).toBe(expected);
  });
});
