import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two files at a time, whatever the machine: an end-to-end file mostly waits on its emulators and
    // its clock, so a second one beside it nearly halves the suite on two cores (vitest would run
    // one at a time there), and each file's stack has its own ports and data folder.
    maxWorkers: 2,
    // Unit and infrastructure tests run alone; integration and end-to-end tests start real local emulators.
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/infra/**/*.test.ts'], testTimeout: 120_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          // One DynamoDB Local per worker slot, which each file's stack uses with a table of its own.
          globalSetup: ['test/support/shared-dynamodb.ts'],
          testTimeout: 240_000,
          hookTimeout: 240_000,
        },
      },
      {
        // Chromium drives the staff console against a local stack: each file starts its own, and a busy machine makes pages slow, not wrong.
        test: { name: 'browser', include: ['test/browser/**/*.test.ts'], globalSetup: ['test/support/shared-dynamodb.ts', 'test/browser/support/build-console.ts'], testTimeout: 300_000, hookTimeout: 180_000 },
      },
    ],
  },
});
