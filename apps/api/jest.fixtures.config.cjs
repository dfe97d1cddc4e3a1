// Tests against the corpora outside the project (../shared/fixtures, or SWITCHBOARD_FIXTURES):
// run by `.ci/run` through the `test-fixtures` target, not by `npm test`.
module.exports = {
  ...require('./jest.config.cjs'),
  displayName: 'api-fixtures',
  testMatch: ['**/__fixtures_tests__/**/*.spec.ts'],
};
