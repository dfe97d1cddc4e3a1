import { describe, expect, it } from '@jest/globals';
import { senderAuthenticated } from '../content/sender-authentication.js';

const OURS = ['mx.support.test'];

describe("a mail's From is proven only by our own server's Authentication-Results", () => {
  it.each([
    [
      'DMARC pass for the From domain',
      'mx.support.test; dmarc=pass (p=reject) header.from=customer.test',
      true,
    ],
    ['DKIM pass for the From domain', 'mx.support.test; dkim=pass header.d=customer.test header.s=s1', true],
    [
      'DKIM pass for a parent domain',
      'mx.support.test; dkim=pass header.d=customer.test',
      true,
      'a@mail.customer.test',
    ],
    ['SPF pass for the From domain', 'mx.support.test; spf=pass smtp.mailfrom=bounce@customer.test', true],
    ['an authserv-id with a version', 'mx.support.test 1; dmarc=pass header.from=customer.test', true],
    ['comments anywhere', 'mx.support.test (our mx); dkim=pass (good sig) header.d=customer.test', true],
    ['DKIM of an unrelated domain', 'mx.support.test; dkim=pass header.d=bulk-mailer.test', false],
    ['DMARC fail', 'mx.support.test; dmarc=fail header.from=customer.test', false],
    ['a pass written by another server', 'mx.attacker.test; dmarc=pass header.from=customer.test', false],
    ['no results at all', 'mx.support.test; none', false],
  ])('%s', (_what, header, proven, from = 'alice@customer.test') => {
    expect(senderAuthenticated([header], OURS, from)).toBe(proven);
  });

  it('proves nothing while no receiving server is configured', () => {
    expect(
      senderAuthenticated(['mx.support.test; dmarc=pass header.from=customer.test'], [], 'a@customer.test'),
    ).toBe(false);
  });

  it('finds our header among several (a forged one added by the sender comes first)', () => {
    expect(
      senderAuthenticated(
        [
          'mx.attacker.test; dmarc=fail header.from=customer.test',
          'MX.Support.test; dmarc=pass header.from=customer.test',
        ],
        OURS,
        'a@customer.test',
      ),
    ).toBe(true);
  });
});
