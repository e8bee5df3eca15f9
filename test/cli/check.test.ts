import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCli } from "../helpers/runCli.js";

const example = fileURLToPath(new URL("../../examples/my-claims.ts", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "relutopo-check-"));

describe("relutopo check", () => {
  it("should refute gd-conserves-c with a network that relutopo gd reproduces", () => {
    const r = runCli(["check", "--claim", "gd-conserves-c", "--runs", "100", "--seed", "1", "--json"]);
    expect(r.status).toBe(0);
    const claim = JSON.parse(r.stdout).claims[0];
    expect(claim).toMatchObject({ name: "gd-conserves-c", tag: "false", verdict: "refuted" });
    const { net, data, lr } = claim.counterexample;
    const netFile = join(tmp, "net.json");
    const dataFile = join(tmp, "data.csv");
    writeFileSync(netFile, JSON.stringify(net));
    writeFileSync(dataFile, data);
    const gd = JSON.parse(runCli(["gd", "--net", netFile, "--data", dataFile, "--lr", lr, "--steps", "1", "--arith", "exact", "--json"]).stdout);
    // the failure reproduces: some c_k moved
    expect(gd.drift.observed[0].some((v: string) => v !== "0")).toBe(true);
  });

  it("should give the same bytes for the same seed", () => {
    const args = ["check", "--claim", "effective-equals-components", "--claim", "gd-drift-formula", "--runs", "40", "--seed", "9", "--json"];
    expect(runCli(args).stdout).toBe(runCli(args).stdout);
  });

  it("should load a user's claim module with --file and succeed when every claim behaves as tagged", () => {
    const r = runCli(["check", "--file", example, "--runs", "40", "--seed", "2", "--json"]);
    expect(r.status).toBe(0);
    const verdicts = JSON.parse(r.stdout).claims.map((c: { name: string; verdict: string }) => `${c.name}:${c.verdict}`);
    expect(verdicts.sort()).toEqual(["half-step-quarter-drift:pass", "my-gd-keeps-c:refuted"]);
  });

  it("should exit 1 when a claim tagged theorem is refuted", () => {
    const file = join(tmp, "wrong.mjs");
    writeFileSync(
      file,
      `import { defineClaim, arbProblem } from "relutopo";
export default defineClaim({ name: "all-nets-are-wide", statement: "every net has 3 neurons", tag: "theorem", arbitraries: [arbProblem()], predicate: ({ net }) => net.W1.length === 3 });`,
    );
    const r = runCli(["check", "--file", file, "--runs", "20", "--json"], { cwd: fileURLToPath(new URL("../..", import.meta.url)) });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).claims[0].verdict).toBe("refuted");
  });

  const bad: Array<[string, string[]]> = [
    ["an unknown claim", ["check", "--claim", "no-such-claim"]],
    ["--runs 0", ["check", "--runs", "0"]],
    ["a non-integer seed", ["check", "--seed", "x"]],
    ["a missing claim file", ["check", "--file", join(tmp, "none.ts")]],
    ["a claim file of another kind", ["check", "--file", join(tmp, "net.json")]],
  ];
  for (const [what, args] of bad) {
    it(`should exit 2 with one stderr line for ${what}`, () => expectBadInput(runCli(args)));
  }
});
