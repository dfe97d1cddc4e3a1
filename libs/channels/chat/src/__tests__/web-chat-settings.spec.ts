import { originAllowed, prepareWebChatConfig, publicSettings, readSettings } from '../web-chat-settings.js';
import { userHash, userHashMatches } from '../identity-verification.js';
import { RateLimiter } from '../rate-limiter.js';

describe('web chat settings', () => {
  it.each([
    [[], 'https://any.example', true],
    [['https://shop.example'], 'https://shop.example', true],
    [['https://shop.example'], 'https://SHOP.example:443', true],
    [['https://shop.example'], 'https://evil.example', false],
    [['https://shop.example'], 'http://shop.example', false],
    [['https://shop.example'], undefined, false],
  ])('allowed origins %j admit %s: %s', (allowedOrigins, origin, ok) => {
    expect(originAllowed(readSettings({ allowedOrigins }), origin)).toBe(ok);
  });

  it.each([
    [{ colors: { primary: 'red;}body{display:none' } }, /config\.colors\.primary/],
    [{ position: 'middle' }, /config\.position/],
    [{ preChat: { email: 'sometimes' } }, /config\.preChat\.email/],
    [{ allowedOrigins: ['javascript:alert(1)'] }, /config\.allowedOrigins\[0\]/],
    [{ businessHours: { timeZone: 'Mars/Olympus', hours: [], holidays: [] } }, /config\.businessHours/],
    [{ identitySecret: 'short' }, /config\.identitySecret/],
  ])('refuses %j naming the field', (config, message) => {
    expect(() => prepareWebChatConfig(config)).toThrow(message);
  });

  it('never gives the widget the identity secret or the email account', () => {
    const pub = publicSettings(
      readSettings({
        identitySecret: 'x'.repeat(20),
        emailAccountId: '0e6f2c1a-9a3b-4c6d-8e1f-2a3b4c5d6e7f',
      }),
    );
    expect(JSON.stringify(pub)).not.toContain('xxxx');
    expect(JSON.stringify(pub)).not.toContain('0e6f2c1a');
    expect(pub).toMatchObject({ identityVerification: true, transcripts: true });
  });
});

describe('identity verification', () => {
  it('accepts the HMAC of the same user id only', () => {
    const secret = 'the-account-identity-secret';
    expect(userHashMatches(secret, 'u1', userHash(secret, 'u1'))).toBe(true);
    expect(userHashMatches(secret, 'u1', userHash(secret, 'u2'))).toBe(false);
    expect(userHashMatches(secret, 'u1', userHash('another-secret', 'u1'))).toBe(false);
    expect(userHashMatches(secret, 'u1', '')).toBe(false);
  });
});

describe('rate limiter', () => {
  it('allows the burst, then refills at the rate per minute', () => {
    const limiter = new RateLimiter(60, 3);
    const t0 = 1_000_000;
    expect([1, 2, 3, 4].map(() => limiter.take('v', t0))).toEqual([true, true, true, false]);
    expect(limiter.take('v', t0 + 1000)).toBe(true);
    expect(limiter.take('other', t0)).toBe(true);
  });
});
