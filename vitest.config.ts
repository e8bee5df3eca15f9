import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";

/**
 * The files that take longest, longest first (reproduce.test.ts runs the documents' tiny reports
 * too): started first, so that they do not begin last and leave the other core idle at the end.
 * Vitest orders the rest by the timings of the last run (by size in a fresh clone, as in CI).
 */
const LONGEST = ["test/cli/reproduce.test.ts", "test/cli/check.test.ts", "test/docs/commands.test.ts", "test/docs/cliCommands.test.ts"];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification): number => {
      const i = LONGEST.findIndex((p) => f.moduleId.endsWith(p));
      return i === -1 ? LONGEST.length : i;
    };
    // Array.prototype.sort is stable: vitest's order holds within each rank.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Processes, not threads: the in-process CLI driver (test/helpers/runCli.ts) changes directory.
    pool: "forks",
    // A worker runs file after file without reloading vitest, fast-check and src/ for each, which
    // took about a third of the suite's time. No test changes global state and leaves it changed
    // (the CLI driver restores stdout, stderr, console, the working directory and the environment).
    isolate: false,
    // One worker per core: vitest's default keeps one core free for itself, which on 2 cores halves the speed.
    maxWorkers: "100%",
    sequence: { sequencer: LongestFirst },
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
