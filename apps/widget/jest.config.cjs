const preset = require('../../jest.preset.cjs');

// Core and view tests run in jsdom.
module.exports = {
  ...preset,
  displayName: 'widget',
  rootDir: __dirname,
  roots: ['<rootDir>/src'],
  testEnvironment: 'jsdom',
  testEnvironmentOptions: { customExportConditions: ['browser'] },
};
