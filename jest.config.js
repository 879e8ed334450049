/** @type {import('jest').Config} */
const tsJest = ['ts-jest', { diagnostics: false }];
const common = { preset: 'ts-jest', testEnvironment: 'node', transform: { '^.+\\.ts$': tsJest } };
module.exports = {
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
