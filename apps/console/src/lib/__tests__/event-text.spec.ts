import { describe, expect, it } from '@jest/globals';
import { TICKET_EVENT_TYPES, type TicketEventType } from '@switchboard/contracts';
import { describeEvent, normalizeTimeline } from '../timeline';

const nameOf = (id: string | null | undefined) =>
  ({ a: 'Ana', b: 'Ben', t: 'Returns' })[id as 'a'] ?? 'Someone';

/** One event of each type the API writes, with the data the API stores, and the line an agent reads. */
const EXAMPLES: Record<TicketEventType, { data: Record<string, unknown>; text: string }> = {
  created: { data: { channel: 'web_chat' }, text: 'Ticket opened via Web chat' },
  reopened: {
    data: { from: 'solved', to: 'open', by: 'customer_message' },
    text: 'The customer wrote again; ticket reopened',
  },
  status_changed: {
    data: { from: 'pending', to: 'open', by: 'customer_message' },
    text: 'The customer wrote; status from pending (waiting on customer) to open',
  },
  updated: { data: { priority: 'high', teamId: 't' }, text: 'Ana set priority to high, team to Returns' },
  held: {
    data: { note: 'Waiting on the courier', until: null, notifiedCustomer: false },
    text: 'Ana put the ticket on hold',
  },
  resumed: { data: {}, text: 'Ana resumed the ticket' },
  hold_expired: { data: { alertAgentId: 'a' }, text: 'Hold expired; the ticket is back in the queue' },
  transferred: {
    data: { fromAgentId: 'a', toAgentId: 'b', toTeamId: null, note: 'Refund' },
    text: 'Ana transferred the ticket to Ben',
  },
  handoff_acknowledged: { data: {}, text: 'Ana acknowledged the handoff' },
  spam_marked: { data: { reason: 'marked' }, text: 'Ana marked this ticket as spam' },
  spam_cleared: { data: { reason: 'not_spam' }, text: 'Ana took this ticket out of spam' },
  messages_folded: {
    data: { limit: 30, windowSeconds: 60, windowStartedAt: '2026-11-20T10:00:00Z' },
    text: 'More than 30 messages within 60 s from this contact: the rest of that time is folded here',
  },
  delivery_retried: { data: { messageId: 'm1' }, text: 'Ana sent a failed message again' },
  contact_merged: {
    data: {
      fromContactId: 'c2',
      fromContactName: 'R. Jones',
      intoContactId: 'c1',
      intoContactName: 'Rita Jones',
    },
    text: 'Contact merged into Rita Jones (was R. Jones) by Ana',
  },
  sla_clock: {
    data: { entries: [{ metric: 'first_response', action: 'achieve', reason: 'agent replied' }], due: {} },
    text: 'First response met',
  },
  sla_escalation: {
    data: {
      action: 'notify_supervisors',
      on: 'breach',
      metric: 'resolution',
      afterMinutes: 0,
      policyName: 'VIP',
    },
    text: 'Escalated: supervisors notified (resolution breach, VIP)',
  },
  survey: {
    data: { kind: 'csat', score: 4, comment: 'Quick and kind', channel: 'web_chat' },
    text: 'Customer rated 4/5: Quick and kind',
  },
  transcript_sent: {
    data: { to: 'rita@example.test', channel: 'web_chat' },
    text: 'Chat transcript emailed to rita@example.test',
  },
  subject_changed: {
    data: { from: 'Printer', to: 'Printer on fire' },
    text: 'Subject changed from "Printer" to "Printer on fire" by Ana',
  },
  custom_fields_changed: {
    data: {
      fields: {
        plan: { from: 'basic', to: 'pro' },
        addons: { from: null, to: ['sso', 'audit'] },
        vip: { from: true, to: null },
      },
    },
    text: 'Ana changed plan from basic to pro, addons to sso, audit, vip (cleared)',
  },
  contact_updated: {
    data: {
      changes: {
        name: { from: 'R. Jones', to: 'Rita Jones' },
        'customFields.account_no': { from: null, to: 'A-7' },
      },
    },
    text: "Ana changed the contact's name from R. Jones to Rita Jones, account_no to A-7",
  },
  auto_assigned: {
    data: { agentId: 'b', mode: 'round_robin', reason: 'round robin; now 2 of 3 web_chat' },
    text: 'Assigned to Ben automatically (round robin; now 2 of 3 web_chat)',
  },
  channel_switched: {
    data: { from: 'email', to: 'twilio_whatsapp', fromChannelAccountId: 'x', toChannelAccountId: 'y' },
    text: 'The customer switched from Email to WhatsApp',
  },
  merged: {
    data: { intoTicketId: 'x', intoNumber: 1042, messages: 3 },
    text: 'Ana merged this ticket into #1042',
  },
  merge_undone: { data: { fromTicketId: 'x', fromNumber: 1042 }, text: 'Ana undid the merge with #1042' },
  split: {
    data: { intoTicketId: 'x', intoNumber: 1043, messages: 2 },
    text: 'Ana split 2 messages off into #1043',
  },
};

describe('the timeline line of each ticket event type', () => {
  it.each(TICKET_EVENT_TYPES.map((type) => [type]))('says what a %s event means', (type) => {
    const { data, text } = EXAMPLES[type];
    expect(
      describeEvent(
        { id: '1', ticketId: 't', type, actorId: 'a', data, createdAt: '2026-11-20T10:00:00Z' },
        nameOf,
      ),
    ).toBe(text);
  });

  it('gives every event type its own sentence (no generic fallback)', () => {
    const lines = TICKET_EVENT_TYPES.map((type) =>
      describeEvent(
        { id: '1', ticketId: 't', type, actorId: 'a', data: EXAMPLES[type].data, createdAt: '' },
        nameOf,
      ),
    );
    expect(new Set(lines).size).toBe(TICKET_EVENT_TYPES.length);
    // The old generic fallback read "Ana: contact merged".
    for (const [i, line] of lines.entries())
      expect(line).not.toBe(`Ana: ${TICKET_EVENT_TYPES[i].replace(/_/g, ' ')}`);
  });

  it('says why an assignee changed when their account was disabled', () => {
    expect(
      describeEvent(
        {
          id: '1',
          ticketId: 't',
          type: 'updated',
          actorId: 'a',
          data: { assigneeId: null, reason: 'assignee_disabled', fromAgentId: 'd', fromAgentName: 'Dora' },
          createdAt: '',
        },
        nameOf,
      ),
    ).toBe("Ana set no assignee because Dora's account was disabled");
  });

  it('describes a survey without a comment by its score alone', () => {
    expect(
      describeEvent(
        {
          id: '1',
          ticketId: 't',
          type: 'survey',
          actorId: null,
          data: { kind: 'csat', score: 2, comment: null },
          createdAt: '',
        },
        nameOf,
      ),
    ).toBe('Customer rated 2/5');
  });

  it('leaves out events of a type the API does not write instead of guessing a line', () => {
    const entries = normalizeTimeline({
      items: [
        {
          entry: 'event',
          id: '1',
          ticketId: 't',
          type: 'sla_warning',
          actorId: null,
          data: {},
          createdAt: '2026-11-20T10:00:00Z',
        },
        {
          entry: 'event',
          id: '2',
          ticketId: 't',
          type: 'survey',
          actorId: null,
          data: { kind: 'csat', score: 5 },
          createdAt: '2026-11-20T10:01:00Z',
        },
      ],
    });
    expect(entries.map((e) => e.id)).toEqual(['2']);
  });
});
