import { describe, expect, it } from '@jest/globals';
import type { TicketEventType } from '@switchboard/contracts';
import { describeEvent, normalizeTimeline, pendingHandoff } from '../timeline';

const nameOf = (id: string | null | undefined) =>
  ({ a: 'Ana', b: 'Ben', t: 'Returns' })[id as 'a'] ?? 'Someone';
const me = { id: 'b', teamIds: [] };

describe('timeline', () => {
  it('merges messages and events oldest first, telling them apart by `entry`', () => {
    const entries = normalizeTimeline({
      items: [
        {
          entry: 'event',
          id: '2',
          ticketId: 't',
          type: 'updated',
          actorId: 'a',
          data: { status: 'pending' },
          createdAt: '2026-11-20T10:02:00Z',
        },
        {
          entry: 'message',
          id: 'm1',
          ticketId: 't',
          direction: 'in',
          kind: 'message',
          channel: 'sms',
          text: 'hi',
          createdAt: '2026-11-20T10:00:00Z',
        },
        {
          entry: 'event',
          id: '1',
          ticketId: 't',
          type: 'status_changed',
          actorId: null,
          data: { from: 'solved', to: 'open', by: 'customer_message' },
          createdAt: '2026-11-20T10:01:00Z',
        },
      ],
    });
    expect(entries.map((e) => `${e.type}:${e.id}`)).toEqual(['message:m1', 'event:1', 'event:2']);
    expect(entries[0].type === 'message' && entries[0].message.channel).toBe('sms');
    expect(entries[1].type === 'event' && describeEvent(entries[1].event, nameOf)).toBe(
      'The customer wrote; status from solved to open',
    );
    expect(entries[2].type === 'event' && describeEvent(entries[2].event, nameOf)).toBe(
      'Ana set status to pending (waiting on customer)',
    );
  });

  it('skips items without a known entry instead of guessing', () => {
    const entries = normalizeTimeline({
      items: [
        { id: 'x', type: 'held', data: {}, createdAt: '2026-11-20T10:01:00Z' },
        { entry: 'event', id: 7, type: 'held', data: {}, createdAt: '2026-11-20T10:01:00Z' },
      ],
    });
    expect(entries.map((e) => `${e.type}:${e.id}`)).toEqual(['event:7']);
  });

  it.each([
    [
      'held',
      { note: 'x', until: null, notifiedCustomer: true },
      'Ana put the ticket on hold and told the customer',
    ],
    [
      'transferred',
      { fromAgentId: 'b', fromTeamId: null, toAgentId: null, toTeamId: 't', note: 'n' },
      'Ana transferred the ticket to team Returns',
    ],
    ['hold_expired', { alertAgentId: 'a' }, 'Hold expired; the ticket is back in the queue'],
    ['created', { channel: 'api' }, 'Ticket opened via API'],
    ['resumed', {}, 'Ana resumed the ticket'],
    ['handoff_acknowledged', {}, 'Ana acknowledged the handoff'],
    ['contact_updated', { erased: true }, "Ana erased the contact's personal data"],
    // An erasure removes the values an earlier change recorded; the line still reads as a sentence.
    ['contact_updated', {}, 'Ana changed the contact'],
  ])('describes %s events', (type, data, expected) => {
    expect(
      describeEvent(
        { id: '1', ticketId: 't', type: type as TicketEventType, actorId: 'a', data, createdAt: '' },
        nameOf,
      ),
    ).toBe(expected);
  });

  it('hides the handoff card once the receiver acknowledged it', () => {
    const transfer = {
      entry: 'event',
      id: 'e1',
      ticketId: 't',
      type: 'transferred',
      actorId: 'a',
      data: { fromAgentId: 'a', toAgentId: 'b', toTeamId: null, note: 'Refund' },
      createdAt: '2026-11-20T10:00:00Z',
    };
    expect(pendingHandoff(normalizeTimeline([transfer]), me, nameOf)?.note).toBe('Refund');
    const acked = {
      entry: 'event',
      id: 'e2',
      ticketId: 't',
      type: 'handoff_acknowledged',
      actorId: 'b',
      data: {},
      createdAt: '2026-11-20T10:05:00Z',
    };
    expect(pendingHandoff(normalizeTimeline([transfer, acked]), me, nameOf)).toBeNull();
  });

  it("shows a bot's handoff to my team as coming from the bot, with its card", () => {
    const handoff = {
      entry: 'event',
      id: 'e9',
      ticketId: 't',
      type: 'transferred',
      actorId: null,
      data: {
        fromAgentId: null,
        toAgentId: null,
        toTeamId: 'billing',
        note: 'Handed over by the bot "Helper"\nCollected:\n- orderNumber: 4711',
        bot: { id: 'bot-1', name: 'Helper' },
      },
      createdAt: '2026-11-20T10:00:00Z',
    };
    expect(
      pendingHandoff(normalizeTimeline([handoff]), { id: 'b', teamIds: ['billing'] }, nameOf),
    ).toMatchObject({
      fromName: 'Helper',
      note: expect.stringContaining('orderNumber: 4711'),
    });
  });
});
