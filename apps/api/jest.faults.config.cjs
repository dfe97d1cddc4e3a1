// The fault suite (`npm run test:faults`, run by .ci/run after the fixture suites): the
// deployment topology on loopback with a node, the worker, Redis, PostgreSQL, the IMAP server or a
// provider failing under traffic. One file at a time: each starts HAProxy and four nodes.
module.exports = {
  ...require('./jest.config.cjs'),
  displayName: 'api-faults',
  testMatch: ['**/__faults__/**/*.faults.ts'],
  globalSetup: '<rootDir>/src/test-support/faults-setup.mjs',
  globalTeardown: '<rootDir>/src/test-support/faults-teardown.mjs',
  maxWorkers: 1,
  testTimeout: 300_000,
};
