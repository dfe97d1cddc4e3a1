import { jest } from '@jest/globals';
import {
  FakeTwilio,
  signTwilioRequest,
  twilioError,
  twilioInboundParams,
} from '@switchboard/test-support-providers';
import {
  call,
  createChannelAccount,
  login,
  reportFault,
  sendReply,
  sleep,
  waitFor,
  type HttpAnswer,
} from '../test-support/fault-traffic.js';
import { Topology } from '../test-support/topology.js';

jest.setTimeout(300_000);

const TICKETS = 10;
const REPLIES = 40;
// A minute, as a provider's real outages last: long enough for the backoff to reach half a minute
// between tries, so recovery also shows how late the first send after the outage can come.
const OUTAGE_MS = Number(process.env.FAULTS_PROVIDER_OUTAGE_MS ?? 60_000);

describe("the SMS provider's API answers 503 for a while", () => {
  let topology: Topology;
  let twilio: FakeTwilio;

  beforeAll(async () => {
    twilio = new FakeTwilio();
    await twilio.start();
    topology = await Topology.start();
  });
  afterAll(async () => {
    await topology?.stop();
    await twilio?.close();
  });

  it('replies wait as retrying, then each is sent exactly once', async () => {
    const proxy = topology.proxy.url;
    const token = await login(proxy);
    const account = await createChannelAccount(proxy, token, {
      kind: 'twilio_sms',
      name: 'fault: provider',
      config: {
        accountSid: twilio.accountSid,
        authToken: twilio.authToken,
        from: '+15005550006',
        publicUrl: proxy,
        apiBaseUrl: twilio.url,
      },
    });
    // Customers text in through the proxy, as Twilio's webhooks would.
    const path = `/api/webhooks/twilio/${account.id}`;
    for (let i = 0; i < TICKETS; i++) {
      const params = twilioInboundParams({
        accountSid: twilio.accountSid,
        from: `+1555010${String(i).padStart(4, '0')}`,
        to: '+15005550006',
        body: `help ${i}`,
      });
      const res = await fetch(proxy + path, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': signTwilioRequest(twilio.authToken, proxy + path, params),
        },
        body: new URLSearchParams(params).toString(),
      });
      expect(res.status).toBeLessThan(300);
    }
    const { rows: tickets } = await topology.db.query<{ id: string }>(
      `SELECT id FROM tickets WHERE channel_account_id = $1 ORDER BY number`,
      [account.id],
    );
    expect(tickets).toHaveLength(TICKETS);

    twilio.failNext({ ...twilioError(20500, 'Service unavailable', 503), times: Infinity });
    const outageAt = Date.now();
    const deadline = outageAt + 180_000;
    const replies: HttpAnswer[] = [];
    for (let r = 0; r < REPLIES; r++) {
      replies.push(await sendReply(proxy, token, tickets[r % TICKETS].id, `reply ${r}`, deadline));
    }
    // What the agent sees on the timeline meanwhile: the reply is still queued, marked as retrying.
    const retrying = await waitFor(
      async () => {
        const timeline = await call(proxy, 'GET', `/api/tickets/${tickets[0].id}/messages`, { token });
        return timeline.body?.items?.find(
          (m: any) =>
            m.text === 'reply 0' && m.deliveryState === 'queued' && /retrying/.test(m.deliveryError ?? ''),
        );
      },
      OUTAGE_MS,
      'the reply to show as retrying',
    );
    expect(retrying.deliveryError).toMatch(/attempt \d+ failed, retrying/);
    await sleep(Math.max(0, OUTAGE_MS - (Date.now() - outageAt)));
    twilio.failures.clear();
    const backAt = Date.now();

    const texts = replies.map((_, r) => `reply ${r}`);
    await waitFor(
      () => texts.every((text) => twilio.sent.some((m) => m.body === text)),
      90_000,
      'every reply to reach the provider',
    );
    const recoverySeconds = Math.round((Date.now() - backAt) / 100) / 10;
    const states = await waitFor(
      async () => {
        const { rows } = await topology.db.query<{ delivery_state: string; n: number }>(
          `SELECT m.delivery_state, count(*)::int AS n FROM messages m JOIN tickets t ON t.id = m.ticket_id
            WHERE t.channel_account_id = $1 AND m.direction = 'out' AND m.text LIKE 'reply %' GROUP BY 1`,
          [account.id],
        );
        return rows.length === 1 && rows[0].delivery_state === 'sent' ? rows : null;
      },
      30_000,
      'every reply to be recorded as sent',
    );
    const failedAttempts =
      twilio.requests.filter((r) => r.path.endsWith('/Messages.json')).length - twilio.sent.length;
    const accepted = texts.map((text) => twilio.sent.filter((m) => m.body === text).length);
    const row = {
      scenario: 'f. provider 5xx for ' + Math.round(OUTAGE_MS / 1000) + ' s',
      sent: replies.length,
      acknowledged: replies.filter((r) => r.status === 201).length,
      stored: states[0].n,
      duplicated: accepted.reduce((sum, n) => sum + Math.max(0, n - 1), 0),
      lost: accepted.filter((n) => n === 0).length,
      recoverySeconds,
    };
    reportFault(row);
    console.log(`provider outage: ${failedAttempts} send attempts answered 503 before it recovered`);

    expect(failedAttempts).toBeGreaterThan(REPLIES);
    expect(row).toMatchObject({ acknowledged: REPLIES, stored: REPLIES, duplicated: 0, lost: 0 });
  });
});
