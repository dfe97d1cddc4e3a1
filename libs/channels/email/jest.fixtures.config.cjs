// Tests against the corpora outside the project (../shared/fixtures, or SWITCHBOARD_FIXTURES):
// run by `.ci/run` through the `test-fixtures` target, not by `npm test`.
module.exports = {
  ...require('../../../jest.preset.cjs'),
  displayName: 'channel-email-fixtures',
  rootDir: __dirname,
  testMatch: ['**/__fixtures_tests__/**/*.spec.ts'],
};
