// Tests against ../shared/fixtures, outside the project: run by .ci/run, not by `npm test`.
// SWITCHBOARD_FIXTURES overrides the folder.
module.exports = {
  ...require('./jest.config.cjs'),
  displayName: 'channel-meta-fixtures',
  testMatch: ['**/__fixtures_tests__/**/*.spec.ts'],
};
