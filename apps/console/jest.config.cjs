const preset = require('../../jest.preset.cjs');

// Component tests run in jsdom; contracts are read from source like the Vite build does.
module.exports = {
  ...preset,
  displayName: 'console',
  rootDir: __dirname,
  roots: ['<rootDir>/src'],
  testEnvironment: 'jsdom',
  testEnvironmentOptions: { customExportConditions: ['@switchboard/source', 'browser'] },
  moduleNameMapper: { ...preset.moduleNameMapper, '\\.css$': '<rootDir>/src/test-support/style-stub.cjs' },
  setupFilesAfterEnv: ['<rootDir>/src/test-support/setup.ts'],
  // Forms typed key by key (a channel's settings, a calendar) take 2–3 s alone and over 5 s when
  // two cores also run the API's tests; the limit catches hangs, not slowness.
  testTimeout: 20_000,
};
