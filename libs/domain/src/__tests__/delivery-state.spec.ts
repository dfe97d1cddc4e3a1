import { canAdvanceDelivery, DELIVERY_STATES } from '../delivery-state.js';

describe('delivery state never moves backwards', () => {
  it.each([
    ['queued', 'sent', true],
    ['sent', 'delivered', true],
    ['delivered', 'sent', false],
    ['delivered', 'queued', false],
    ['sent', 'sent', false],
    ['sending', 'queued', true],
    ['failed', 'delivered', false],
    ['delivered', 'undelivered', true],
    ['read', 'delivered', false],
    ['sent', 'failed', true],
  ] as const)('%s → %s is %s', (from, to, expected) => {
    expect(canAdvanceDelivery(from, to)).toBe(expected);
  });

  it('no state can be reached again once left, except a retry back to queued', () => {
    for (const a of DELIVERY_STATES) {
      for (const b of DELIVERY_STATES) {
        const retryPair = [a, b].sort().join() === 'queued,sending';
        if (canAdvanceDelivery(a, b) && !retryPair) {
          expect(canAdvanceDelivery(b, a)).toBe(false);
        }
      }
    }
  });
});
