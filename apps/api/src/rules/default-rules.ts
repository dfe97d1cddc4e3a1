import type { CreateRuleBody } from '@switchboard/contracts';

/**
 * Rules a new demo workspace starts with, switched off: an admin sees what automation can do
 * and turns on what fits. No migration creates or enables them on an existing install.
 */
export const DEFAULT_RULES: CreateRuleBody[] = [
  {
    name: 'Close solved tickets after 4 days of silence',
    trigger: 'time',
    time: { since: 'solved', hours: 96 },
    conditions: {},
    actions: [{ type: 'set_status', status: 'closed' }],
    order: 10,
    active: false,
  },
  {
    name: 'Remind the customer after 3 days pending',
    trigger: 'time',
    time: { since: 'pending', hours: 72 },
    conditions: {},
    actions: [
      {
        type: 'reply',
        template:
          'Hi {{contact.first_name}}, we are still waiting for your answer on ticket #{{ticket.number}}. Reply to this message and we will pick it up.',
      },
    ],
    order: 20,
    active: false,
  },
  {
    name: 'Raise priority on SLA breach',
    trigger: 'event',
    events: ['sla.breached'],
    conditions: { all: [{ field: 'priority', op: 'lt', value: 'urgent' }] },
    actions: [{ type: 'set_priority', priority: 'urgent' }],
    order: 30,
    active: false,
  },
];
