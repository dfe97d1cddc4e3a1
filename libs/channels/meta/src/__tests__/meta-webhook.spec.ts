import { metaMessageWebhook, signMetaBody } from '@switchboard/test-support-providers';
import { normalizeMetaWebhook, MetaPayloadError } from '../meta-inbound.js';
import { verifyMetaSignature } from '../meta-signature.js';
import { handleVerifyChallenge } from '../verify-challenge.js';

const appSecret = '9f86d081884c7d659a2feaa0c55ad015';
const channelAccountId = 'acct-meta-1';

describe('Meta webhook signatures (X-Hub-Signature-256)', () => {
  const body = Buffer.from(
    JSON.stringify(metaMessageWebhook({ senderId: '6512345678901234', text: 'Bonjour 👋' })),
  );

  it('accepts the raw body signed with the app secret', () => {
    expect(verifyMetaSignature(body, signMetaBody(body, appSecret), appSecret)).toEqual({ valid: true });
  });

  it('refuses a missing header', () => {
    expect(verifyMetaSignature(body, undefined, appSecret)).toEqual({
      valid: false,
      reason: 'missing X-Hub-Signature-256 header',
    });
  });

  it('refuses a body signed with another secret, without revealing ours', () => {
    const result = verifyMetaSignature(body, signMetaBody(body, 'someone-else'), appSecret);
    expect(result.valid).toBe(false);
    expect(JSON.stringify(result)).not.toContain(appSecret);
  });

  it('refuses a re-serialized body (the check needs the bytes as received)', () => {
    const pretty = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 2));
    expect(verifyMetaSignature(pretty, signMetaBody(body, appSecret), appSecret).valid).toBe(false);
  });

  it.each(['sha1=abc', 'sha256=xyz', 'sha256=' + 'a'.repeat(63), ''])(
    'refuses a malformed header "%s"',
    (header) => {
      expect(verifyMetaSignature(body, header, appSecret).valid).toBe(false);
    },
  );
});

describe('the verify-token handshake', () => {
  const query = { 'hub.mode': 'subscribe', 'hub.verify_token': 'open-sesame', 'hub.challenge': '1158201444' };

  it('answers the challenge when the verify token matches', () => {
    expect(handleVerifyChallenge(query, 'open-sesame')).toEqual({ ok: true, challenge: '1158201444' });
  });

  it('refuses a wrong verify token with 403', () => {
    expect(handleVerifyChallenge(query, 'other')).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses a request that is not a subscribe handshake with 400', () => {
    expect(handleVerifyChallenge({ ...query, 'hub.mode': 'unsubscribe' }, 'open-sesame')).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(
      handleVerifyChallenge({ 'hub.mode': 'subscribe', 'hub.verify_token': 'open-sesame' }, 'open-sesame'),
    ).toMatchObject({ ok: false, status: 400 });
  });
});

describe('Messenger and Instagram messages become InboundMessages', () => {
  it('a Messenger text uses mid as the dedupe key and the sender PSID as the address', () => {
    const body = metaMessageWebhook({
      senderId: '6512345678901234',
      text: 'Is my order shipped?',
      mid: 'm_abc',
      timestamp: 1741608000000,
    });
    const batch = normalizeMetaWebhook(body, { channelAccountId });
    expect(batch.messages).toHaveLength(1);
    expect(batch.messages[0].message).toMatchObject({
      channelAccountId,
      externalId: 'm_abc',
      from: { kind: 'messenger', address: '6512345678901234' },
      text: 'Is my order shipped?',
      sentAt: new Date(1741608000000),
      meta: { channel: 'messenger', pageId: '102030405060708' },
    });
  });

  it('an Instagram DM is marked as Instagram', () => {
    const batch = normalizeMetaWebhook(
      metaMessageWebhook({ object: 'instagram', senderId: '17841400000000001', text: 'hi' }),
      { channelAccountId },
    );
    expect(batch.messages[0].message.from).toEqual({ kind: 'instagram', address: '17841400000000001' });
  });

  it('attachments are listed for download', () => {
    const body = metaMessageWebhook({
      senderId: '6512345678901234',
      attachments: [
        { type: 'image', url: 'https://scontent.xx.fbcdn.net/v/photo.jpg' },
        { type: 'file', url: 'https://cdn.fbsbx.com/v/invoice.pdf' },
      ],
    });
    const [{ message, attachments }] = normalizeMetaWebhook(body, { channelAccountId }).messages;
    expect(message.text).toBe('');
    expect(attachments).toEqual([
      { type: 'image', url: 'https://scontent.xx.fbcdn.net/v/photo.jpg' },
      { type: 'file', url: 'https://cdn.fbsbx.com/v/invoice.pdf' },
    ]);
  });

  it('echoes of our own replies are ignored', () => {
    const batch = normalizeMetaWebhook(
      metaMessageWebhook({ senderId: '6512345678901234', text: 'Our reply', isEcho: true, mid: 'm_echo' }),
      { channelAccountId },
    );
    expect(batch.messages).toEqual([]);
    expect(batch.ignored).toEqual([{ reason: 'echo of a message the page sent', mid: 'm_echo' }]);
  });

  it('delivery and read receipts become delivery states', () => {
    const body = {
      object: 'page',
      entry: [
        {
          id: '102030405060708',
          time: 1741608000000,
          messaging: [
            {
              sender: { id: '6512345678901234' },
              recipient: { id: '102030405060708' },
              delivery: { mids: ['m_1', 'm_2'], watermark: 1741608000000 },
            },
            {
              sender: { id: '6512345678901234' },
              recipient: { id: '102030405060708' },
              timestamp: 1741608001000,
              read: { watermark: 1741608000500 },
            },
          ],
        },
      ],
    };
    expect(normalizeMetaWebhook(body, { channelAccountId }).statuses).toEqual([
      {
        channel: 'messenger',
        recipientId: '6512345678901234',
        state: 'delivered',
        providerMessageIds: ['m_1', 'm_2'],
        upTo: new Date(1741608000000),
      },
      { channel: 'messenger', recipientId: '6512345678901234', state: 'read', upTo: new Date(1741608000500) },
    ]);
  });

  it('an Instagram read receipt names the message', () => {
    const body = {
      object: 'instagram',
      entry: [
        {
          id: '1784',
          messaging: [{ sender: { id: '1784100' }, recipient: { id: '1784' }, read: { mid: 'aWdfZAG1' } }],
        },
      ],
    };
    expect(normalizeMetaWebhook(body, { channelAccountId }).statuses).toEqual([
      { channel: 'instagram', recipientId: '1784100', state: 'read', providerMessageIds: ['aWdfZAG1'] },
    ]);
  });

  it('several entries and events in one POST are all handled', () => {
    const a = metaMessageWebhook({ senderId: '1', text: 'one', mid: 'm_1' }) as { entry: unknown[] };
    const b = metaMessageWebhook({ senderId: '2', text: 'two', mid: 'm_2' }) as { entry: unknown[] };
    const batch = normalizeMetaWebhook(
      { object: 'page', entry: [...a.entry, ...b.entry] },
      { channelAccountId },
    );
    expect(batch.messages.map((m) => m.message.externalId)).toEqual(['m_1', 'm_2']);
  });

  it('refuses a webhook for another product (e.g. whatsapp_business_account)', () => {
    expect(() =>
      normalizeMetaWebhook({ object: 'whatsapp_business_account', entry: [] }, { channelAccountId }),
    ).toThrow(MetaPayloadError);
  });
});
