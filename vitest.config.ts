import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/no-leftovers.ts"],
    reporters: ["default", "./test/setup/summary-reporter.ts"],
    // Vitest's default (one worker fewer than the cores) is one worker on a 2-core machine. Most
    // test files spend their time waiting for a child process or a socket, so two run side by side
    // at no cost to each other.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Tests that start servers do so on 127.0.0.1 and stop them in their own teardown.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
