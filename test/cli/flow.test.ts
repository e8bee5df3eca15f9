import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

const NET = fileURLToPath(new URL("../../bench/flow/net.json", import.meta.url));
const DATA = fileURLToPath(new URL("../../bench/flow/data.csv", import.meta.url));
const example = (file: string): string => fileURLToPath(new URL(`../../examples/${file}`, import.meta.url));
/** The flags of a flow on a network and data of examples/. */
const netAndData = (net: string, data: string): string[] => ["--net", example(net), "--data", example(data)];

describe("relutopo flow", () => {
  it("should print the issue's schema: D-digit numbers, events with 0-based indices, K samples", async () => {
    const r = await runCliInProcess(["flow", "--net", NET, "--data", DATA, "--time", "1", "--digits", "20", "--samples", "3", "--json"]);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j)).toEqual([
      "digits",
      "method",
      "time",
      "params",
      "invariants0",
      "invariantsT",
      "maxDrift",
      "loss0",
      "lossT",
      "events",
      "signChanges",
      "samples",
    ]);
    expect([j.digits, j.method, j.time, j.samples.length]).toEqual([20, "taylor", "1", 3]);
    expect(j.events.map((ev: { neuron: number; point: number; kind: string }) => [ev.neuron, ev.point, ev.kind])).toEqual([
      [2, 3, "leave"],
      [3, 3, "leave"],
    ]);
    expect(Number(j.maxDrift)).toBeLessThan(1e-20);
  });

  it("should integrate a deep network with taylor: events name the layer (text l,k from 1; JSON layer from 1, neuron within it from 0)", async () => {
    // Arrange
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const args = ["flow", "--net", "examples/deep-sliding.json", "--data", "examples/deep-sliding.csv", "--time", "2", "--digits", "20"];
    // Act
    const text = await runCliInProcess(args, { cwd: root });
    const json = await runCliInProcess([...args, "--json"], { cwd: root });
    // Assert
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^ {2}t = 0\.576103501186925913\d* {2}neuron 2,2, point 3: slide$/m);
    expect(text.stdout).toMatch(/^c2,2 {2}2\.3125 {2}-> {2}2\.3125$/m);
    const run = JSON.parse(json.stdout);
    expect(run.method).toBe("taylor");
    expect(
      run.events.map((ev: { layer: number; neuron: number; point: number; kind: string }) => [ev.layer, ev.neuron, ev.point, ev.kind]),
    ).toEqual([[2, 1, 2, "slide"]]);
    expect(Number(run.maxDrift)).toBeLessThan(1e-25);
  });

  it.each([
    [["--time", "0"]],
    [["--time", "-1"]],
    [["--time", "1", "--digits", "9"]],
    [["--time", "1", "--digits", "1001"]],
    [["--time", "1", "--method", "euler"]],
  ])("should reject %j with exit code 2 and one line", async (args) => {
    expectBadInput(await runCliInProcess(["flow", "--net", NET, "--data", DATA, ...args]));
  });

  it("should exit 3 with one line naming the method, t, and the flag to change when the Gauss-Legendre stage equations do not converge", async () => {
    // Arrange: one step of length 1000, cut 8 times to 3.90625, is still far beyond the field's Lipschitz constant.
    const args = ["flow", "--net", NET, "--data", DATA, "--time", "1000", "--method", "gauss", "--steps", "1"];
    // Act
    const r = await runCliInProcess(args);
    // Assert
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      "relutopo: gauss: the stage equations do not converge on a step of length 3.90625 (the step cut 8 times) at t = 0; raise --steps\n",
    );
  });

  it("should integrate the same problem with enough steps (exit 0), so exit 3 above is about the step, not the problem", async () => {
    const r = await runCliInProcess([
      "flow",
      "--net",
      NET,
      "--data",
      DATA,
      "--time",
      "1",
      "--digits",
      "12",
      "--method",
      "gauss",
      "--steps",
      "64",
      "--json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).method).toBe("gauss");
  });

  describe("beyond gradient flow", () => {
    const toy = netAndData("toy.json", "toy.csv");

    it("should add the weight-decay law to the JSON, with maxDrift measured from it", async () => {
      const r = await runCliInProcess(["flow", ...toy, "--time", "1", "--digits", "20", "--weight-decay", "1/10", "--json"]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(Object.keys(j.weightDecay)).toEqual(["lambda", "predictedT", "maxRelativeDeviation"]);
      expect(j.weightDecay.lambda).toBe("1/10");
      expect(j.weightDecay.predictedT).toEqual(j.invariantsT);
      expect(Number(j.maxDrift)).toBeLessThan(1e-15);
    });

    it("should let c of a pathological neuron change sign when the biases are not decayed, checking c' = -2λ(c - b²)", async () => {
      // Arrange: examples/net.json has c1 = -3/5 < 0 (neuron 1 pathological) on the |x| data
      const pathological = netAndData("net.json", "abs.csv");
      const args = ["flow", ...pathological, "--time", "3", "--digits", "20", "--weight-decay", "1", "--json"];
      // Act
      const free = await runCliInProcess([...args, "--no-bias-decay"]);
      const all = await runCliInProcess(args);
      // Assert: with the biases decayed c1(3) = -0.6·e^-6 keeps its sign; without, c1 reaches about +0.018
      expect(free.stderr).toBe("");
      expect(free.status).toBe(0);
      const j = JSON.parse(free.stdout);
      expect(j.weightDecay).toBeUndefined();
      expect(j.biasFreeDecay.biasDecay).toBe(false);
      expect(Number(j.biasFreeDecay.maxIdentityResidual)).toBeLessThan(1e-15);
      expect(Number(j.invariants0[0])).toBe(-0.6);
      expect(Number(j.invariantsT[0])).toBeCloseTo(0.018108609367973, 14);
      const k = JSON.parse(all.stdout);
      expect(Number(k.invariantsT[0])).toBeCloseTo(-0.6 * Math.exp(-6), 15);
    });

    it("should add the heavy-ball identity and certified output signs to the JSON and the text", async () => {
      const r = await runCliInProcess(["flow", ...toy, "--time", "3", "--digits", "20", "--momentum", "1/2", "--json"]);
      expect(r.status).toBe(0);
      const j = JSON.parse(r.stdout);
      expect(Object.keys(j.momentum)).toEqual(["gamma", "velocity", "maxIdentityResidual", "identityResidualT", "outputSign"]);
      expect(Number(j.momentum.maxIdentityResidual)).toBeLessThan(1e-15);
      expect(j.momentum.outputSign).toEqual(["unchanged", "unchanged"]);
      const text = await runCliInProcess(["flow", ...toy, "--time", "3", "--digits", "20", "--momentum", "1/2"]);
      expect(text.stdout.split("\n")[0]).toBe("heavy-ball flow with friction 1/2 to t = 3: taylor, 20 digits, mse");
      expect(text.stdout).toContain("neuron 2: output-weight sign unchanged\n");
    });

    it.each([
      [
        ["--method", "rk4", "--weight-decay", "1"],
        "relutopo: invalid --method. Must be taylor, the only method with weight decay. Value: `rk4`.\n",
      ],
      [
        ["--method", "gauss", "--momentum", "1"],
        "relutopo: invalid --method. Must be taylor, the only method with momentum. Value: `gauss`.\n",
      ],
      [["--momentum", "-1"], "relutopo: invalid --momentum. Must be a number in [0, 1000000]. Value: `-1`.\n"],
    ])("should refuse %j with exit 2 and one line", async (args, line) => {
      const r = await runCliInProcess(["flow", ...toy, "--time", "1", ...args]);
      expectBadInput(r);
      expect(r.stderr).toBe(line);
    });

    it("should refuse up front a data cell 1e999 even with the work cap raised (it used to hang inside one Taylor step)", async () => {
      const dir = mkdtempSync(join(tmpdir(), "relutopo-flow-"));
      const data = join(dir, "huge.csv");
      writeFileSync(data, "x1,x2,y\n1,0,1\n1e999,1,1\n");
      const r = await runCliInProcess(["flow", "--net", toy[1]!, "--data", data, "--time", "1", "--max-seconds", "100000"]);
      expectBadInput(r);
      expect(r.stderr).toBe(
        "relutopo: invalid --data. Must be values below about 10^49 in magnitude for the flow integrators. Value: `X[1][0] = 1e999`.\n",
      );
    });
  });
});
