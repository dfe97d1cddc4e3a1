import { signCallback, verifyCallback } from '../callback-signature.js';
import { apiKeyMatches } from '../api-key.js';
import { createHash } from 'node:crypto';

describe('API channel signatures', () => {
  it('a receiver verifies a callback signed with the shared secret', () => {
    const sig = signCallback('s3cret', '1700000000', '{"a":1}');
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyCallback('s3cret', '1700000000', '{"a":1}', sig)).toBe(true);
  });

  it.each([
    ['another secret', 'other', '1700000000', '{"a":1}'],
    ['another timestamp', 's3cret', '1700000001', '{"a":1}'],
    ['a changed body', 's3cret', '1700000000', '{"a":2}'],
  ])('a signature fails with %s', (_, secret, ts, body) => {
    const sig = signCallback('s3cret', '1700000000', '{"a":1}');
    expect(verifyCallback(secret, ts, body, sig)).toBe(false);
  });

  it('an API key matches only its own stored hash', () => {
    const hash = createHash('sha256').update('sbk_right').digest('hex');
    expect(apiKeyMatches('sbk_right', hash)).toBe(true);
    expect(apiKeyMatches('sbk_wrong', hash)).toBe(false);
    expect(apiKeyMatches('sbk_right', null)).toBe(false);
  });
});
