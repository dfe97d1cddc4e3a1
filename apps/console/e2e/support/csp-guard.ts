import { afterEach, expect } from '@jest/globals';
import { takeCspViolations } from './browser';

// Any Content-Security-Policy violation during a browser test fails that test, naming what was blocked.
afterEach(() => {
  expect(takeCspViolations()).toEqual([]);
});
