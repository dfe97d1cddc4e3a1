import { DomainError } from '@switchboard/domain';
import type {
  AttachmentStore,
  ChannelAccountRecord,
  InboundAttachment,
  InboundMessage,
  RejectedWebhook,
} from '../index.js';
import { firstHeader, ingestWithAttachments, WebhookPreamble } from '../webhook-preamble.js';

const ACCOUNT_ID = '0b6f4c1e-8f0a-4a57-9a3e-3a1b2c4d5e6f';

function account(overrides: Partial<ChannelAccountRecord> = {}): ChannelAccountRecord {
  return {
    id: ACCOUNT_ID,
    kind: 'twilio_sms',
    name: 'SMS line',
    config: { token: 'abc' },
    teamId: null,
    active: true,
    apiKeyHash: null,
    ...overrides,
  };
}

/** A preamble over one stored account, keeping what it logs. */
function preambleFor(stored: ChannelAccountRecord | null) {
  const rejected: RejectedWebhook[] = [];
  const lookedUp: string[] = [];
  const preamble = new WebhookPreamble(
    { get: async (id) => (lookedUp.push(id), stored && stored.id === id ? stored : null) },
    { record: async (entry) => void rejected.push(entry) },
    {
      provider: 'twilio',
      label: 'Twilio',
      kinds: ['twilio_sms', 'twilio_whatsapp'],
      parseConfig: (config) => {
        if (typeof config.token !== 'string') throw new Error('config.token is required');
        return { token: config.token };
      },
    },
  );
  return { preamble, rejected, lookedUp };
}

const caller = { ip: '203.0.113.9', headers: {} };

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe('the webhook preamble every provider controller opens with', () => {
  it('hands back the account and its parsed config when the URL names an active account of the provider', async () => {
    const { preamble, rejected } = preambleFor(account());
    await expect(preamble.open(ACCOUNT_ID, caller)).resolves.toEqual({
      account: account(),
      config: { token: 'abc' },
    });
    expect(rejected).toEqual([]);
  });

  it.each([
    ['an account that does not exist', null, ACCOUNT_ID],
    ['an inactive account', account({ active: false }), ACCOUNT_ID],
    ['an account of another channel kind', account({ kind: 'telegram' }), ACCOUNT_ID],
  ])('answers not found for %s and logs the refusal with the account id', async (_case, stored, id) => {
    const { preamble, rejected } = preambleFor(stored);
    const error = await failure(preamble.open(id, caller));
    expect(error.code).toBe('not_found');
    expect(error.message).toBe('channel account not found');
    expect(rejected).toEqual([
      {
        provider: 'twilio',
        channelAccountId: ACCOUNT_ID,
        reason: 'unknown or inactive Twilio channel account',
        remoteIp: '203.0.113.9',
      },
    ]);
  });

  it('answers not found for an id that is not a uuid without asking the directory, and logs no account id', async () => {
    const { preamble, rejected, lookedUp } = preambleFor(account());
    const error = await failure(preamble.open("1' OR '1'='1", { headers: {} }));
    expect(error.code).toBe('not_found');
    expect(lookedUp).toEqual([]);
    expect(rejected).toEqual([
      {
        provider: 'twilio',
        channelAccountId: null,
        reason: 'unknown or inactive Twilio channel account',
        remoteIp: null,
      },
    ]);
  });

  it('answers forbidden when the account config cannot verify webhooks, naming the field in the log only', async () => {
    const { preamble, rejected } = preambleFor(account({ config: {} }));
    const error = await failure(preamble.open(ACCOUNT_ID, caller));
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe('this channel cannot verify webhooks until its configuration is fixed');
    expect(rejected).toEqual([
      {
        provider: 'twilio',
        channelAccountId: ACCOUNT_ID,
        reason: 'channel misconfigured: config.token is required',
        remoteIp: '203.0.113.9',
      },
    ]);
  });

  it('reads the first value of a repeated header', () => {
    expect(firstHeader({ headers: { 'x-signature': ['first', 'second'] } }, 'x-signature')).toBe('first');
    expect(firstHeader({ headers: { 'x-signature': 'only' } }, 'x-signature')).toBe('only');
    expect(firstHeader({ headers: {} }, 'x-signature')).toBeUndefined();
  });
});

describe('ingesting a webhook message with its files', () => {
  const message: InboundMessage = {
    channelAccountId: ACCOUNT_ID,
    externalId: 'SM1',
    from: { kind: 'phone', address: '+14155550100' },
    text: 'photo attached',
  };
  const stored: InboundAttachment[] = [
    { filename: 'a.jpg', contentType: 'image/jpeg', size: 3, storageKey: 'k/a' },
    { filename: 'b.jpg', contentType: 'image/jpeg', size: 0, rejectedReason: 'could not download' },
  ];

  function ports(duplicate: boolean) {
    const ingested: InboundMessage[] = [];
    const removed: string[] = [];
    const files: AttachmentStore = {
      save: async () => stored[0],
      remove: async (key) => void removed.push(key),
    };
    const ingest = {
      ingest: async (m: InboundMessage) => (
        ingested.push(m),
        { ticketId: 't', messageId: 'm', duplicate, ticketCreated: !duplicate }
      ),
    };
    return { ingest, files, ingested, removed };
  }

  it('stores the message with its files and keeps them', async () => {
    const p = ports(false);
    await ingestWithAttachments(p, message, stored);
    expect(p.ingested).toEqual([{ ...message, attachments: stored }]);
    expect(p.removed).toEqual([]);
  });

  it('removes the stored copies when the provider retried a message we already have', async () => {
    const p = ports(true);
    const result = await ingestWithAttachments(p, message, stored);
    expect(result.duplicate).toBe(true);
    expect(p.removed).toEqual(['k/a']);
  });

  it('sends no attachments field for a message without files', async () => {
    const p = ports(false);
    await ingestWithAttachments(p, message, []);
    expect(p.ingested).toEqual([message]);
  });
});
