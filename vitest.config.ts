import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Processes, not threads: the in-process CLI driver (test/helpers/runCli.ts) changes directory.
    pool: "forks",
    // Both cores of a 2-core machine (vitest's default keeps one free for itself, which here halves the speed).
    maxWorkers: 2,
    server: {
      deps: {
        // The built CLI runs as Node runs it, untransformed: the tests that drive it in-process
        // load the same modules as `relutopo`, and load them faster.
        external: [/\/dist\//],
      },
    },
    tags: [
      {
        name: "long",
        description: "a long property campaign: a few cases in npm test, full size in npm run test:long (test/helpers/campaign.ts)",
      },
    ],
  },
});
