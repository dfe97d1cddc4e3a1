module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'channel-email', rootDir: __dirname };
