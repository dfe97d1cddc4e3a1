import { describeError, notFound, rateLimited } from '../errors.js';

describe('describeError: one log line for a worker or the mailbox watcher', () => {
  it.each([
    [notFound('channel account not found'), 'not_found: channel account not found'],
    [rateLimited('too many login attempts'), 'rate_limited: too many login attempts'],
    [new Error('connection terminated unexpectedly'), 'connection terminated unexpectedly'],
    ['a thrown string', 'a thrown string'],
  ])('%p reads %p', (err, line) => {
    expect(describeError(err)).toBe(line);
  });
});
