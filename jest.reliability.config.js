/**
 * The nightly reliability suite (`npm run test:reliability`): crash, broker outage and store faults
 * at full size on the real stack. Not part of `npm test`, which runs smoke-sized versions.
 */
/** @type {import('jest').Config} */
module.exports = {
  ...require('./jest.common'),
  displayName: 'reliability',
  testMatch: ['<rootDir>/test/reliability/**/*.reliability.test.ts'],
  globalSetup: '<rootDir>/test/integration/global-setup.ts',
  globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
  // One scenario at a time: they measure recovery, and share one broker and one DynamoDB Local.
  maxWorkers: 1,
};
