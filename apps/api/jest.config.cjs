module.exports = {
  ...require('../../jest.preset.cjs'),
  displayName: 'api',
  rootDir: __dirname,
  globalSetup: '<rootDir>/src/test-support/global-setup.mjs',
  globalTeardown: '<rootDir>/src/test-support/global-teardown.mjs',
  testTimeout: 60_000,
  // Integration tests share one PostgreSQL server; each file gets its own database.
  maxWorkers: 2,
  // A worker keeps every file's ESM module graph it has run; past this it is replaced between
  // files, so late files do not pay for collecting a multi-gigabyte heap.
  workerIdleMemoryLimit: '1536MB',
};
