const preset = require('../../../jest.preset.cjs');

// Browser tests: Node environment (playwright drives chromium from here), one file at a time,
// against the built API and console (the `e2e` target builds both first).
module.exports = {
  ...preset,
  displayName: 'console-e2e',
  rootDir: __dirname,
  roots: ['<rootDir>'],
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.e2e.ts'],
  setupFilesAfterEnv: ['<rootDir>/support/csp-guard.ts'],
  maxWorkers: 1,
  testTimeout: 90_000,
};
