module.exports = { ...require('../../../jest.preset.cjs'), displayName: 'channel-kit', rootDir: __dirname };
