const preset = require('../../../jest.preset.cjs');

// The fake providers live in a test-only lib outside the npm workspaces globs, so tests reach
// its source directly instead of through node_modules.
module.exports = {
  ...preset,
  displayName: 'channel-meta',
  rootDir: __dirname,
  moduleNameMapper: {
    ...preset.moduleNameMapper,
    '^@switchboard/test-support-providers$': '<rootDir>/../../test-support/providers/src/index.ts',
  },
};
