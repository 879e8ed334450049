/** @type {import('jest').Config} */
const common = require('./jest.common');
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
