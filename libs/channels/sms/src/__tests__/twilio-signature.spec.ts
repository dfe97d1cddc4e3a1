import {
  signTwilioJsonRequest,
  signTwilioRequest,
  twilioInboundParams,
} from '@switchboard/test-support-providers';
import { twilioSignedUrl, verifyTwilioSignature } from '../twilio-signature.js';

const authToken = 'f3c0a1b2c3d4e5f60718293a4b5c6d7e';
const path = '/api/webhooks/twilio/4d2c9f1e-acct';

function formBody(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

describe('a genuine Twilio webhook behind a proxy is accepted', () => {
  const params = twilioInboundParams({
    from: '+14155550100',
    to: '+14155550199',
    body: 'My order #1042 never arrived 😞',
  });

  it.each([
    [
      'public URL without port, Twilio signed without port',
      'https://help.example.com',
      'https://help.example.com',
    ],
    [
      'public URL without port, Twilio signed with :443',
      'https://help.example.com',
      'https://help.example.com:443',
    ],
    [
      'public URL with :443, Twilio signed without port',
      'https://help.example.com:443',
      'https://help.example.com',
    ],
    ['public URL with a non-default port', 'https://help.example.com:8443', 'https://help.example.com:8443'],
    ['public URL with a trailing slash', 'https://help.example.com/', 'https://help.example.com'],
    ['plain http with :80 added by Twilio', 'http://help.example.com', 'http://help.example.com:80'],
  ])('%s', (_label, publicUrl, signedBase) => {
    const signature = signTwilioRequest(authToken, signedBase + path, params);
    const url = twilioSignedUrl(publicUrl, path);
    expect(verifyTwilioSignature({ authToken, url, params, signature })).toEqual({ valid: true });
  });

  it('keeps the query string the webhook was configured with', () => {
    const originalUrl = `${path}?channel=sales&x=a%20b`;
    const signature = signTwilioRequest(authToken, `https://help.example.com${originalUrl}`, params);
    expect(
      verifyTwilioSignature({
        authToken,
        url: twilioSignedUrl('https://help.example.com', originalUrl),
        params,
        signature,
      }).valid,
    ).toBe(true);
  });

  it('checks the raw form body exactly as posted (spaces as +, %2B phone numbers, emoji)', () => {
    const signature = signTwilioRequest(authToken, `https://help.example.com${path}`, params);
    const rawBody = Buffer.from(formBody(params));
    expect(
      verifyTwilioSignature({ authToken, url: `https://help.example.com${path}`, rawBody, signature }).valid,
    ).toBe(true);
  });

  it('accepts traffic to a Messaging Service number (MessagingServiceSid is signed like any field)', () => {
    const serviceParams = twilioInboundParams({
      from: '+447700900123',
      to: '+14155550123',
      body: 'Hello from a pooled number',
      messagingServiceSid: 'MG' + '1'.repeat(32),
    });
    const signature = signTwilioRequest(authToken, `https://help.example.com${path}`, serviceParams);
    const result = verifyTwilioSignature({
      authToken,
      url: twilioSignedUrl('https://help.example.com', path),
      rawBody: formBody(serviceParams),
      signature,
    });
    expect(result).toEqual({ valid: true });
  });

  it('accepts a WhatsApp webhook with ProfileName and WaId', () => {
    const waParams = twilioInboundParams({
      from: 'whatsapp:+14155550100',
      to: 'whatsapp:+14155238886',
      body: 'hi',
      profileName: 'Ada L.',
    });
    const signature = signTwilioRequest(authToken, `https://help.example.com${path}`, waParams);
    expect(
      verifyTwilioSignature({
        authToken,
        url: `https://help.example.com${path}`,
        params: waParams,
        signature,
      }).valid,
    ).toBe(true);
  });

  it('accepts the JSON-body variant (bodySHA256 in the URL)', () => {
    const body = JSON.stringify({ event: 'delivered', sid: 'SM123' });
    const signed = signTwilioJsonRequest(authToken, `https://help.example.com${path}`, body);
    const originalUrl = signed.url.slice('https://help.example.com'.length);
    expect(
      verifyTwilioSignature({
        authToken,
        url: twilioSignedUrl('https://help.example.com:443', originalUrl),
        rawBody: body,
        signature: signed.signature,
      }).valid,
    ).toBe(true);
  });

  it('accepts when one of several candidate URLs is the one Twilio signed', () => {
    const signature = signTwilioRequest(authToken, `https://old.example.com${path}`, params);
    const urls = [`https://help.example.com${path}`, `https://old.example.com${path}`];
    expect(verifyTwilioSignature({ authToken, url: urls, params, signature }).valid).toBe(true);
  });
});

describe('a forged Twilio webhook is refused with a reason that holds no secret', () => {
  const params = twilioInboundParams({ from: '+14155550100', to: '+14155550199', body: 'hello' });
  const url = `https://help.example.com${path}`;
  const signature = signTwilioRequest(authToken, url, params);

  it('refuses a missing signature', () => {
    expect(verifyTwilioSignature({ authToken, url, params, signature: undefined })).toEqual({
      valid: false,
      reason: 'missing X-Twilio-Signature header',
    });
  });

  it('refuses a signature made with another auth token', () => {
    const forged = signTwilioRequest('not-the-token', url, params);
    const result = verifyTwilioSignature({ authToken, url, params, signature: forged });
    expect(result.valid).toBe(false);
    expect(JSON.stringify(result)).not.toContain(authToken);
  });

  it('refuses when the public URL is not the one Twilio was given', () => {
    const result = verifyTwilioSignature({
      authToken,
      url: `https://other.example.com${path}`,
      params,
      signature,
    });
    expect(result).toMatchObject({
      valid: false,
      reason: expect.stringContaining('https://other.example.com'),
    });
  });

  it('refuses a changed message body', () => {
    expect(
      verifyTwilioSignature({ authToken, url, params: { ...params, Body: 'hellO' }, signature }).valid,
    ).toBe(false);
  });

  it('refuses an added field', () => {
    expect(
      verifyTwilioSignature({ authToken, url, params: { ...params, Extra: '1' }, signature }).valid,
    ).toBe(false);
  });

  it('refuses a JSON body that does not match its bodySHA256', () => {
    const signed = signTwilioJsonRequest(authToken, url, '{"a":1}');
    expect(
      verifyTwilioSignature({ authToken, url: signed.url, rawBody: '{"a":2}', signature: signed.signature })
        .valid,
    ).toBe(false);
  });

  it('refuses rather than throws on an unparsable URL', () => {
    expect(verifyTwilioSignature({ authToken, url: 'not a url', params, signature }).valid).toBe(false);
  });

  it('refuses when the account has no auth token configured', () => {
    expect(verifyTwilioSignature({ authToken: '', url, params, signature }).valid).toBe(false);
  });
});
