import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, runCliInProcess } from "../helpers/runCli.js";

// Most CLI tests drive `relutopo` in-process (runCliInProcess): these hold that driver to the
// spawned program, one command for each exit code, and check what only a process shows (the
// exit status the shell sees, one stderr line without a stack trace). Start-up, Ctrl-C, a closed
// pipe, hung claim modules and the fuzz campaign spawn the program in their own files.
const root = fileURLToPath(new URL("../..", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "relutopo-process-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const refutedTheorem = join(tmp, "refuted.mjs");
writeFileSync(
  refutedTheorem,
  `import { defineClaim, arbProblem } from "relutopo";
export default defineClaim({ name: "one-neuron", statement: "every net has 1 neuron", tag: "theorem", arbitraries: [arbProblem()], predicate: ({ net }) => net.layers[0].W.length === 1 });`,
);
const FLOW = ["flow", "--net", "bench/flow/net.json", "--data", "bench/flow/data.csv"];

const cases: Array<[string, string[], number]> = [
  ["a result on stdout", ["components", "--c", "-2,4,3/2,0", "--d-in", "3", "--e", "1", "--json"], 0],
  ["the version", ["--version"], 0],
  ["a command's help", ["components", "--help"], 0],
  ["a refuted theorem (claims checked in a worker thread)", ["check", "--file", refutedTheorem, "--runs", "20", "--json"], 1],
  ["bad input", ["components", "--c", "1,foo", "--d-in", "2"], 2],
  ["an unknown command", ["bogus"], 2],
  ["a missing file", ["invariants", "--net", join(tmp, "none.json")], 2],
  ["a computation that diverges", [...FLOW, "--time", "1000", "--method", "gauss", "--steps", "1"], 3],
];

describe("relutopo as a process and in-process", () => {
  for (const [what, args, status] of cases) {
    it(`should exit ${status} for ${what}, with the same output both ways`, async () => {
      // Act
      const spawned = runCli(args, { cwd: root });
      const inProcess = await runCliInProcess(args, { cwd: root });
      // Assert
      expect(spawned.status, spawned.stderr).toBe(status);
      // a failure is one line on stderr; a refuted claim (1) is a verdict, printed on stdout
      if (status >= 2) {
        expect(spawned.stderr).toMatch(/^relutopo: [^\n]+\n$/);
        expect(spawned.stderr).not.toMatch(/\bat .*\.js:\d+/);
      }
      expect(inProcess).toEqual(spawned);
    });
  }

  it("should give each in-process run only its own output, working directory and notices, however runs interleave", async () => {
    // Arrange: a state_dict without an activation makes a notice on stderr when the command succeeds;
    // the first run reads it, then fails on data that do not fit, so its notice must not show anywhere.
    const runs: Array<[string[], string]> = [
      [["inspect", "--net", "examples/deep.pt", "--data", "examples/abs.csv"], root],
      [["invariants", "--net", "examples/deep.pt", "--json"], root],
      [["invariants", "--net", join(root, "examples/deep.pt"), "--json"], tmp],
      [["components", "--net", "examples/net.json", "--json"], root],
    ];
    const spawned = runs.map(([args, cwd]) => runCli(args, { cwd }));
    // Act: all started at once
    const inProcess = await Promise.all(runs.map(([args, cwd]) => runCliInProcess(args, { cwd })));
    // Assert
    expect(spawned.map((r) => r.status)).toEqual([2, 0, 0, 0]);
    expect(spawned[1]!.stderr).toBe("relutopo: activation not stored in examples/deep.pt; assuming relu — pass --activation\n");
    expect(inProcess).toEqual(spawned);
    expect(process.cwd()).toBe(root.replace(/\/$/, ""));
  });
});
