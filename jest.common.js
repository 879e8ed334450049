/** Settings every Jest config of this repo shares (jest.config.js, jest.reliability.config.js). */
// The Parquet library ships ES modules only. Node 20.19+ loads them with require(), but Jest's own
// module loader does not (before Node 24.9), so Jest compiles those two packages to CommonJS.
const ESM_ONLY = ['hyparquet', 'hyparquet-writer'];

module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: [
      'ts-jest',
      { diagnostics: false, tsconfig: { allowJs: true } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
};
