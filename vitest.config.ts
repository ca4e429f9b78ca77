import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/no-leftovers.ts"],
    reporters: ["default", "./test/setup/summary-reporter.ts"],
    // Tests that start servers do so on 127.0.0.1 and stop them in their own teardown.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
