import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

const dir = mkdtempSync(join(tmpdir(), "relutopo-track-"));
const write = (name: string, net: object): string => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify({ activation: "relu", ...net }));
  return p;
};

describe("relutopo track", () => {
  // One input, no hidden bias: a neuron with c > 0 locks its one incoming weight (d_in = 1).
  const a = write("run_step_0.json", { W1: [["2"], ["1/2"]], W2: [["1", "1"]] });
  const b = write("run_step_10.json", { W1: [["3/2"], ["1/4"]], W2: [["1/2", "1"]] });
  const c = write("run_step_5.json", { W1: [["-2"], ["1/2"]], W2: [["1", "1"]] });

  it("should order by the step in the names, give c and its exact drift, and report a locked weight's sign change as a finding", async () => {
    const r = await runCliInProcess(["track", a, b, c, "--json"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.checkpoints.map((x: { step: number }) => x.step)).toEqual([0, 5, 10]);
    // c = w² − a²: step 0: 4 − 1 = 3, 1/4 − 1 = −3/4; step 10: 9/4 − 1/4 = 2, 1/16 − 1 = −15/16
    expect(out.checkpoints[0].invariants).toEqual(["3", "-3/4"]);
    expect(out.checkpoints[2].invariants).toEqual(["2", "-15/16"]);
    expect(out.drift[2].layers[0].drift).toEqual(["-1", "-3/16"]);
    expect(out.checkpoints[0].lockedSigns).toEqual([
      { weight: "W1[1,1]", sign: "+" },
      { weight: "W2[1,2]", sign: "+" },
    ]);
    expect(out.checkpoints[1].componentOf).toBe("-+");
    expect(out.signChanges).toEqual([
      { weight: "W1[1,1]", from: { file: a, step: 0, sign: "+" }, to: { file: c, step: 5, sign: "-" } },
      { weight: "W1[1,1]", from: { file: c, step: 5, sign: "-" }, to: { file: b, step: 10, sign: "+" } },
    ]);
    const text = await runCliInProcess(["track", join(dir, "run_step_*.json")]);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/finding: W1\[1,1\] changed sign \+ -> - between .*run_step_0\.json and .*run_step_5\.json/);
  });

  it("should give the exact loss with --data and draw c against the step with --plot", async () => {
    const data = join(dir, "d.csv");
    writeFileSync(data, "x,y\n1,1\n");
    const svg = join(dir, "c.svg");
    const r = await runCliInProcess(["track", a, b, "--data", data, "--json", "--plot", svg]);
    // step 0: f(1) = 2 + 1/2 = 5/2, loss (5/2 − 1)² = 9/4; step 10: f = 3/4 + 1/4 = 1, loss 0
    expect(JSON.parse(r.stdout).checkpoints.map((x: { loss: string }) => x.loss)).toEqual(["9/4", "0"]);
    expect(readFileSync(svg, "utf8")).toMatch(/^<svg[\s\S]*c per neuron over 2 checkpoints/);
  });

  it("should refuse checkpoints of different shapes and a glob that matches nothing", async () => {
    const other = write("other_1.json", { W1: [["1"], ["1"], ["1"]], W2: [["1", "1", "1"]] });
    expectBadInput(await runCliInProcess(["track", a, other]));
    expectBadInput(await runCliInProcess(["track", join(dir, "nothing_*.json")]));
  });

  // Checkpoint dicts written by torch (test/fixtures/torch/steps/make_step_fixtures.py): names
  // without numbers, so only the `step` entry of each dict can put them in order.
  const STEPS = new URL("../fixtures/torch/steps/", import.meta.url).pathname;
  const expected = JSON.parse(readFileSync(`${STEPS}expected.json`, "utf8")) as Record<string, { step: number; c: string[] }>;

  it("should order .pt checkpoint dicts by their `step` entry and give each one's exact c", async () => {
    const r = await runCliInProcess([
      "track",
      ...["gamma.pt", "alpha.pt", "beta.pt"].map((n) => `${STEPS}${n}`),
      "--activation",
      "relu",
      "--json",
    ]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { checkpoints: { file: string; step: number; invariants: string[] }[] };
    expect(out.checkpoints.map((cp) => [cp.file.slice(STEPS.length), cp.step, cp.invariants])).toEqual(
      ["beta.pt", "gamma.pt", "alpha.pt"].map((n) => [n, expected[n]!.step, expected[n]!.c]),
    );
    // a bare state_dict records no step and its name none either: the files stay as given
    const given = await runCliInProcess([
      "track",
      `${STEPS}gamma.pt`,
      `${STEPS}bare.pt`,
      `${STEPS}beta.pt`,
      "--activation",
      "relu",
      "--json",
    ]);
    expect(JSON.parse(given.stdout).checkpoints.map((cp: { step: number | null }) => cp.step)).toEqual([500, null, 0]);
  });

  it("should report the sign change of the shipped SGD run as a finding, with exit 0", async () => {
    const r = await runCliInProcess(["track", "examples/sgd-run/step_*.pt", "--activation", "relu", "--json"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.checkpoints.map((cp: { step: number }) => cp.step)).toEqual([0, 1, 2, 3, 4]);
    expect(
      out.signChanges.map((s: { weight: string; from: { step: number; sign: string }; to: { step: number; sign: string } }) => [
        s.weight,
        s.from.step,
        s.from.sign,
        s.to.step,
        s.to.sign,
      ]),
    ).toEqual([["W2[1,4]", 1, "+", 2, "-"]]);
  });
});
