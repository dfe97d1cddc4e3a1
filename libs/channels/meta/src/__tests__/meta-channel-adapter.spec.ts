import type { ChannelAccountRef } from '@switchboard/channel-kit';
import { MetaChannelAdapter } from '../meta-channel.adapter.js';

// What the core asks the adapter instead of branching on the account kind. The reply window is
// read from plain config (no credentials), as the core stores it.
const account = (config: Record<string, unknown> = {}): ChannelAccountRef => ({
  id: 'acct-meta-1',
  kind: 'messenger',
  name: 'Acme page',
  config,
});
const adapter = new MetaChannelAdapter({
  kind: 'messenger',
  policy: { lastCustomerMessageAt: async () => null },
});
const now = new Date('2025-03-10T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);

describe('the reply window the Meta adapters report', () => {
  it.each([
    ['wrote 2 hours ago', hoursAgo(2), {}, '2025-03-11T10:00:00.000Z'],
    ['wrote 30 hours ago', hoursAgo(30), {}, null],
    [
      'wrote 30 hours ago, page approved for HUMAN_AGENT',
      hoursAgo(30),
      { humanAgentTag: true },
      '2025-03-16T06:00:00.000Z',
    ],
    ['wrote 8 days ago, page approved for HUMAN_AGENT', hoursAgo(8 * 24), { humanAgentTag: true }, null],
    ['never wrote', null, {}, null],
  ])('the customer %s', (_case, last, config, until) => {
    expect(adapter.replyWindow(account(config), last, now).freeFormUntil?.toISOString() ?? null).toBe(until);
  });
});

describe('Meta receipts in the kit shape', () => {
  const receipt = (event: Record<string, unknown>) => ({
    object: 'page',
    entry: [{ id: '1020', messaging: [{ sender: { id: '6512' }, recipient: { id: '1020' }, ...event }] }],
  });

  it('a receipt that names messages reports each of them', () => {
    expect(
      adapter.parseDeliveryStatus(
        'acct-meta-1',
        receipt({ delivery: { mids: ['m_1', 'm_2'], watermark: 1741608000000 } }),
      ),
    ).toEqual([
      { channelAccountId: 'acct-meta-1', providerMessageId: 'm_1', state: 'delivered' },
      { channelAccountId: 'acct-meta-1', providerMessageId: 'm_2', state: 'delivered' },
    ]);
  });

  it('a watermark-only read receipt covers everything sent to the customer up to that time', () => {
    expect(
      adapter.parseDeliveryStatus('acct-meta-1', receipt({ read: { watermark: 1741608000500 } })),
    ).toEqual([
      {
        channelAccountId: 'acct-meta-1',
        to: { kind: 'messenger', address: '6512' },
        state: 'read',
        upTo: new Date(1741608000500),
      },
    ]);
  });

  it('a body for another product reports nothing', () => {
    expect(
      adapter.parseDeliveryStatus('acct-meta-1', { object: 'whatsapp_business_account', entry: [] }),
    ).toEqual([]);
  });
});
