import { selectPolicy, type PolicyTicketFacts, type SelectablePolicy } from '../sla-policy-select.js';

type Policy = SelectablePolicy & { name: string };

const policies: Policy[] = [
  { name: 'catch-all', order: 100, active: true, conditions: {} },
  {
    name: 'urgent chat',
    order: 10,
    active: true,
    conditions: { priorities: ['urgent'], channels: ['chat', 'whatsapp'] },
  },
  { name: 'vip', order: 5, active: true, conditions: { tags: ['vip', 'enterprise'] } },
  { name: 'billing team', order: 20, active: true, conditions: { teamIds: ['team-billing'] } },
  { name: 'retired urgent', order: 1, active: false, conditions: { priorities: ['urgent'] } },
];

const ticket = (facts: Partial<PolicyTicketFacts>): PolicyTicketFacts => ({
  priority: 'normal',
  channel: 'email',
  teamId: null,
  tags: [],
  ...facts,
});

describe('choosing the SLA policy of a ticket', () => {
  it('an urgent chat gets the urgent-chat policy; an urgent email does not', () => {
    expect(selectPolicy(policies, ticket({ priority: 'urgent', channel: 'chat' }))?.name).toBe('urgent chat');
    expect(selectPolicy(policies, ticket({ priority: 'urgent', channel: 'email' }))?.name).toBe('catch-all');
  });

  it('a VIP contact is matched by any one of the listed tags, ahead of later policies', () => {
    expect(
      selectPolicy(policies, ticket({ priority: 'urgent', channel: 'chat', tags: ['enterprise', 'de'] }))
        ?.name,
    ).toBe('vip');
  });

  it('moving a ticket to another team re-selects the policy', () => {
    expect(selectPolicy(policies, ticket({ teamId: 'team-billing' }))?.name).toBe('billing team');
    expect(selectPolicy(policies, ticket({ teamId: 'team-sales' }))?.name).toBe('catch-all');
  });

  it('a deactivated policy is skipped even when it would match first', () => {
    expect(selectPolicy(policies, ticket({ priority: 'urgent', channel: 'whatsapp' }))?.name).toBe(
      'urgent chat',
    );
  });

  it('no matching active policy means no SLA', () => {
    expect(
      selectPolicy(
        policies.filter((p) => p.name !== 'catch-all'),
        ticket({}),
      ),
    ).toBeNull();
    expect(selectPolicy([], ticket({}))).toBeNull();
  });

  it('an empty condition list is no condition, and ties keep the given order', () => {
    const tied: Policy[] = [
      { name: 'first', order: 1, active: true, conditions: { channels: [] } },
      { name: 'second', order: 1, active: true, conditions: {} },
    ];
    expect(selectPolicy(tied, ticket({}))?.name).toBe('first');
  });
});
