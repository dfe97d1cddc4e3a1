import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { FakeGraph } from '../fake-graph.js';
import { FakeTelegram } from '../fake-telegram.js';
import { FakeTwilio, twilioError } from '../fake-twilio.js';
import { signMetaBody, signTwilioJsonRequest, signTwilioRequest } from '../signing.js';

/** A request over a keep-alive socket, to prove close() does not wait for idle connections. */
function keepAlivePost(url: string, path: string, body: string, headers: Record<string, string>) {
  return new Promise<{ status: number; json: any }>((resolve, reject) => {
    const req = request(
      url + path,
      { method: 'POST', headers: { connection: 'keep-alive', ...headers } },
      (res) => {
        let data = '';
        res.on('data', (chunk) => (data += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(data) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('fake providers start on a free local port and close cleanly', () => {
  it.each([
    ['Twilio', () => new FakeTwilio()],
    ['Graph', () => new FakeGraph()],
    ['Telegram', () => new FakeTelegram()],
  ])('%s listens on 127.0.0.1 and closes with a keep-alive client still connected', async (_name, make) => {
    const fake = make();
    const { url, close } = await fake.start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await keepAlivePost(url, '/anything', '{}', { 'content-type': 'application/json' });
    await close();
    await expect(fetch(url)).rejects.toThrow();
  });
});

describe('FakeTwilio speaks the Messages API', () => {
  const fake = new FakeTwilio();
  beforeAll(() => fake.start());
  afterAll(() => fake.close());

  const auth = () => 'Basic ' + Buffer.from(`${fake.accountSid}:${fake.authToken}`).toString('base64');
  const post = (form: Record<string, string>, authorization = auth()) =>
    fetch(`${fake.url}/2010-04-01/Accounts/${fake.accountSid}/Messages.json`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });

  it('answers a message resource and records what was sent', async () => {
    const response = await post({ To: '+14155550100', From: '+14155550199', Body: 'hi' });
    expect(response.status).toBe(201);
    const json = await response.json();
    expect(json).toMatchObject({
      sid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
      status: 'queued',
      to: '+14155550100',
      body: 'hi',
      direction: 'outbound-api',
    });
    expect(fake.sent.at(-1)).toMatchObject({ to: '+14155550100', body: 'hi' });
  });

  it('refuses wrong credentials with Twilio’s error shape', async () => {
    const response = await post({ To: '+1', From: '+1', Body: 'x' }, 'Basic bad');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      code: 20003,
      message: 'Authenticate',
      more_info: 'https://www.twilio.com/docs/errors/20003',
      status: 401,
    });
  });

  it('answers scripted failures once, then succeeds', async () => {
    fake.failNext(twilioError(21211, "The 'To' number is not a valid phone number."));
    expect((await post({ To: '+1', From: '+1', Body: 'x' })).status).toBe(400);
    expect((await post({ To: '+1', From: '+1', Body: 'x' })).status).toBe(201);
  });
});

describe('signing helpers', () => {
  it('signs a Twilio request as documented (the documentation example)', () => {
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+12349013030',
      Digits: '1234',
      From: '+12349013030',
      To: '+18005551212',
    };
    expect(signTwilioRequest('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe(
      '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
    );
  });

  it('adds bodySHA256 for the JSON variant', () => {
    const signed = signTwilioJsonRequest(
      '12345',
      'https://mycompany.com/myapp.php?foo=1&bar=2',
      '{"property": "value", "boolean": true}',
    );
    expect(signed).toEqual({
      url: 'https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620',
      signature: 'a9nBmqA0ju/hNViExpshrM61xv4=',
    });
  });

  it('signs a Meta body with sha256=', () => {
    expect(signMetaBody('Hello, World!', "It's a Secret to Everybody")).toBe(
      'sha256=' + createHmac('sha256', "It's a Secret to Everybody").update('Hello, World!').digest('hex'),
    );
  });
});
