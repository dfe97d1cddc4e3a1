module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'api',
  rootDir: __dirname,
  globalSetup: '<rootDir>/src/test-support/global-setup.mjs',
  globalTeardown: '<rootDir>/src/test-support/global-teardown.mjs',
  testTimeout: 60_000,
  // Integration tests share one PostgreSQL server; each file gets its own database.
  maxWorkers: 2,
};
