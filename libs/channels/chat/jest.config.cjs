module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'channel-chat', rootDir: __dirname };
