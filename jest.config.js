/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { diagnostics: false }];
// The Parquet library ships ES modules only. Node 20.19+ loads them with require(), but Jest's own
// module loader does not (before Node 24.9), so Jest compiles those two packages to CommonJS.
const ESM_ONLY = ['hyparquet', 'hyparquet-writer'];
const common = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': tsJest,
    [`/node_modules/(${ESM_ONLY.join('|')})/.+\\.js$`]: [
      'ts-jest',
      { diagnostics: false, tsconfig: { allowJs: true } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
};
module.exports = {
  // The unit and contract suites share the CI machine with the integration project's Java servers,
  // so a test that takes 3 s on a quiet laptop can take 13 s there. The limit is a hang guard, not a
  // speed assertion (speed lives in bench/), hence generous. Jest reads it only at the top level.
  testTimeout: 30000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...common, displayName: 'contract', testMatch: ['<rootDir>/test/contract/**/*.test.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      // Some e2e tests run the compiled CLI as a real process; dist/ is built once for all of them.
      globalSetup: '<rootDir>/test/support/build-dist.global-setup.ts',
    },
    {
      // Starts a real Kafka broker, DynamoDB Local and S3Proxy once per run (scripts/stack/).
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
      testTimeout: 120000,
    },
  ],
};
