import type { BotFlow } from '@switchboard/contracts';
import { advanceFlow, flowProblem, questionText, type FlowSession } from '../bot-flow.js';

const fresh: FlowSession = { waitingOn: null, collected: {}, finished: false, question: null };
const noKb = { searchKb: async () => [] };

const flow: BotFlow = {
  start: 'welcome',
  steps: [
    {
      id: 'welcome',
      type: 'buttons',
      text: 'What is it about?',
      options: [
        { label: 'Billing', value: 'billing', next: 'order' },
        { label: 'Other', next: 'kb' },
      ],
      saveAs: 'topic',
    },
    { id: 'order', type: 'ask', text: 'Order number?', saveAs: 'order', pattern: '^\\d+$', next: 'handoff' },
    { id: 'handoff', type: 'handoff', text: 'Passing you on.' },
    { id: 'kb', type: 'search_kb', noResultsText: 'Nothing found.', next: 'helped' },
    {
      id: 'helped',
      type: 'buttons',
      text: 'Did it help?',
      options: [
        { label: 'Yes', value: 'yes' },
        { label: 'No', value: 'no' },
      ],
      saveAs: 'helped',
      next: 'decide',
    },
    {
      id: 'decide',
      type: 'branch',
      on: 'helped',
      cases: [{ equals: 'yes', next: 'bye' }],
      otherwise: 'handoff',
    },
    { id: 'bye', type: 'send_text', text: 'Glad to help.' },
  ],
};

describe('flow checks when an admin saves a flow', () => {
  it('accepts a flow whose every exit names a step and that has no loop', () => {
    expect(flowProblem(flow)).toBeNull();
  });

  it.each([
    [
      'a loop',
      {
        start: 'a',
        steps: [
          { id: 'a', type: 'send_text', text: 'x', next: 'b' },
          { id: 'b', type: 'send_text', text: 'y', next: 'a' },
        ],
      },
      'steps form a loop: a → b → a',
    ],
    [
      'a button leading back to itself',
      {
        start: 'a',
        steps: [{ id: 'a', type: 'buttons', text: 'x', options: [{ label: 'again', next: 'a' }] }],
      },
      'steps form a loop: a → a',
    ],
    [
      'a missing step',
      { start: 'a', steps: [{ id: 'a', type: 'send_text', text: 'x', next: 'nowhere' }] },
      'steps[0].next: no step is called "nowhere" (missing step)',
    ],
    [
      'a missing start',
      { start: 'zero', steps: [{ id: 'a', type: 'handoff' }] },
      'start: no step is called "zero"',
    ],
    [
      'two steps of one id',
      {
        start: 'a',
        steps: [
          { id: 'a', type: 'handoff' },
          { id: 'a', type: 'handoff' },
        ],
      },
      'steps[1].id: another step is also called "a"',
    ],
    [
      'a branch on nothing collected',
      {
        start: 'b',
        steps: [
          { id: 'b', type: 'branch', on: 'mood', cases: [{ equals: 'x', next: 'h' }], otherwise: 'h' },
          { id: 'h', type: 'handoff' },
        ],
      },
      'steps[0].on: no step collects an answer called "mood"',
    ],
  ])('refuses %s', (_, bad, reason) => {
    expect(flowProblem(bad as BotFlow)).toBe(reason);
  });
});

describe('walking a flow', () => {
  it('offers buttons with the way to a person last, and re-asks on an answer that is no option', async () => {
    const first = await advanceFlow(flow, fresh, 'hello', noKb);
    expect(first.actions).toEqual([
      {
        type: 'send',
        text: 'What is it about?',
        choices: [
          { label: 'Billing', value: 'billing' },
          { label: 'Other', value: 'Other' },
          { label: 'Talk to a person', value: 'agent' },
        ],
      },
    ]);
    expect(first.session).toMatchObject({ waitingOn: 'welcome', question: 'hello' });
    const wrong = await advanceFlow(flow, first.session, 'pizza', noKb);
    expect(wrong.session.waitingOn).toBe('welcome');
    expect(wrong.actions[0]).toMatchObject({
      type: 'send',
      text: expect.stringContaining('choose one of the options'),
    });
  });

  it('takes a button by its number, checks the answer pattern, and hands off with what it collected', async () => {
    const a = await advanceFlow(flow, fresh, 'hi', noKb);
    const b = await advanceFlow(flow, a.session, '1', noKb);
    expect(b.actions).toEqual([{ type: 'send', text: 'Order number?' }]);
    const c = await advanceFlow(flow, b.session, 'abc', noKb);
    expect(c.session.waitingOn).toBe('order');
    const d = await advanceFlow(flow, c.session, ' 42 ', noKb);
    expect(d.actions).toEqual([
      { type: 'send', text: 'Passing you on.' },
      { type: 'handoff', teamId: null, reason: 'flow' },
    ]);
    expect(d.session.collected).toEqual({ topic: 'billing', order: '42' });
  });

  it('searches the knowledge base for the first question and branches on the answer; the end finishes the flow', async () => {
    const searched: string[] = [];
    const kb = {
      searchKb: async (q: string) => {
        searched.push(q);
        return [{ id: 'a1', title: 'Refunds', url: '/help/en/articles/refunds' }];
      },
    };
    const a = await advanceFlow(flow, fresh, 'refund please', kb);
    const b = await advanceFlow(flow, a.session, 'other', kb);
    expect(searched).toEqual(['refund please']);
    expect(b.actions[0]).toMatchObject({
      text: 'These articles may help:\n- Refunds: /help/en/articles/refunds',
    });
    const c = await advanceFlow(flow, b.session, 'YES', kb);
    expect(c.actions).toEqual([{ type: 'send', text: 'Glad to help.' }, { type: 'finish' }]);
    expect(c.session.finished).toBe(true);
    // A message after the end starts the conversation over.
    const again = await advanceFlow(flow, c.session, 'one more thing', kb);
    expect(again.session).toMatchObject({ waitingOn: 'welcome', question: 'one more thing' });
  });

  it.each(['agent', 'Agent!', ' human ', 'talk to a person'])(
    '"%s" hands off at once, wherever the flow is',
    async (word) => {
      const a = await advanceFlow(flow, fresh, 'hi', noKb);
      const b = await advanceFlow(flow, a.session, 'billing', noKb);
      const c = await advanceFlow(flow, b.session, word, noKb);
      expect(c.actions).toEqual([{ type: 'handoff', teamId: null, reason: 'customer_asked' }]);
    },
  );
});

describe('questions with buttons on channels without them', () => {
  const choices = [{ label: 'Billing' }, { label: 'Talk to a person' }];
  it('numbers the options on SMS, where the customer answers with the number', () => {
    expect(questionText('twilio_sms', 'What is it about?', choices)).toBe(
      'What is it about?\n1. Billing\n2. Talk to a person',
    );
  });
  it.each(['web_chat', 'telegram', 'messenger'])(
    'leaves the text alone on %s, which shows buttons',
    (channel) => {
      expect(questionText(channel, 'What is it about?', choices)).toBe('What is it about?');
    },
  );
});
