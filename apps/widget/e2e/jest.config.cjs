const preset = require('../../../jest.preset.cjs');

// Browser tests: chromium (Debian's, through playwright-core) against the real API started in
// this process on a fresh PostgreSQL database, and widget.js as built by the `build` target.
module.exports = {
  ...preset,
  displayName: 'widget-e2e',
  rootDir: __dirname,
  roots: ['<rootDir>'],
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.e2e.ts'],
  globalSetup: '<rootDir>/../../api/src/test-support/global-setup.mjs',
  globalTeardown: '<rootDir>/../../api/src/test-support/global-teardown.mjs',
  maxWorkers: 1,
  testTimeout: 120_000,
};
