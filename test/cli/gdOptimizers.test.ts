import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/gd/${name}`, import.meta.url));

interface OptimizerCase {
  name: string;
  net: string;
  data: string;
  lr: string;
  steps: number;
  cli: string[];
}
const CASES: OptimizerCase[] = JSON.parse(readFileSync(fixture("optimizers.json"), "utf8"));

describe("relutopo gd --arith exact with torch.optim.SGD options", () => {
  for (const c of CASES) {
    it(`should equal the Python-fractions transcription of PyTorch's SGD digit for digit (${c.name})`, async () => {
      // Arrange
      const args = ["gd", "--net", fixture(c.net), "--data", fixture(c.data), "--lr", c.lr, "--steps", String(c.steps), ...c.cli, "--json"];
      // Act
      const r = await runCliInProcess(args);
      // Assert
      expect(r.status).toBe(0);
      const got = JSON.parse(r.stdout);
      const want = JSON.parse(readFileSync(fixture(`${c.name}.expected.json`), "utf8"));
      expect(got.params).toEqual(want.params);
      expect(got.losses).toEqual(want.losses);
      expect(got.invariants).toEqual(want.invariants);
      expect(got.drift).toEqual(want.drift);
      if (want.batches) expect(got.batches).toEqual(want.batches);
      // exact mode: the identity holds at every step
      expect(got.drift.observed).toEqual(got.drift.predicted);
    });
  }

  it("should report every hyper-parameter of the optimiser in the JSON", async () => {
    const r = await runCliInProcess([
      "gd",
      ...["--net", fixture("bias-relu.json"), "--data", fixture("bias-relu.csv"), "--lr", "1/20", "--steps", "1"],
      ...["--momentum", "0.9", "--nesterov", "--weight-decay", "1e-2", "--json"],
    ]);
    expect(JSON.parse(r.stdout).optimizer).toEqual({ name: "sgd", momentum: "9/10", dampening: "0", nesterov: true, weightDecay: "1/100" });
  });

  it("should run Adam and AdamW in decimal and float, close to each other", async () => {
    const base = ["gd", "--net", fixture("bias-relu.json"), "--data", fixture("bias-relu.csv"), "--lr", "1/100", "--steps", "3", "--json"];
    for (const name of ["adam", "adamw"]) {
      const dec = JSON.parse((await runCliInProcess([...base, "--optimizer", name, "--arith", "decimal:40"])).stdout);
      const flt = JSON.parse((await runCliInProcess([...base, "--optimizer", name, "--arith", "float"])).stdout);
      expect(dec.optimizer).toMatchObject({
        name,
        beta1: "0.9",
        beta2: "0.999",
        eps: "0.00000001",
        weightDecay: name === "adamw" ? "0.01" : "0",
      });
      expect(Math.abs(Number(dec.losses[3]) - Number(flt.losses[3]))).toBeLessThan(1e-12);
      dec.drift.observed.forEach((row: string[], t: number) => {
        row.forEach((v, k) => {
          expect(Math.abs(Number(v) - Number(dec.drift.predicted[t][k]))).toBeLessThan(1e-30);
        });
      });
    }
  });
});

describe("relutopo gd on a deep network with an optimiser", () => {
  it("should run Adam in decimal on examples/deep.safetensors with the optimiser in the JSON and every c_{l,k} predicted to working precision", async () => {
    // Act
    const r = await runCliInProcess([
      "gd",
      ...["--net", "examples/deep.safetensors", "--data", "examples/deep.csv", "--lr", "1/100", "--steps", "3"],
      ...["--optimizer", "adam", "--weight-decay", "1/10", "--batch-size", "2", "--arith", "decimal:40", "--json"],
    ]);
    // Assert
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.optimizer).toEqual({ name: "adam", beta1: "0.9", beta2: "0.999", eps: "0.00000001", weightDecay: "0.1" });
    expect(out.batchSize).toBe(2);
    expect(out.params.layers.length).toBeGreaterThan(2);
    const hidden = out.params.layers.slice(0, -1).reduce((s: number, l: { W: unknown[] }) => s + l.W.length, 0);
    expect(out.invariants[0]).toHaveLength(hidden);
    out.drift.observed.forEach((row: string[], t: number) => {
      row.forEach((v, k) => {
        expect(Math.abs(Number(v) - Number(out.drift.predicted[t][k]))).toBeLessThan(1e-30);
      });
    });
  });

  it("should print c_l,k and say that the drift equals the optimiser's prediction in exact arithmetic", async () => {
    const r = await runCliInProcess([
      "gd",
      ...[
        "--net",
        "examples/deep.safetensors",
        "--data",
        "examples/deep.csv",
        "--lr",
        "1/10",
        "--steps",
        "2",
        "--momentum",
        "1/2",
        "--nesterov",
      ],
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("sgd (momentum 1/2, dampening 0, nesterov, weight decay 0)");
    expect(r.stdout).toMatch(/^c_2,0 {2}/m);
    expect(r.stdout).toContain("observed drift = the predicted drift of the optimiser's identity at every step");
  });
});

describe("relutopo gd: bad optimiser input", () => {
  const net = ["--net", fixture("bias-relu.json"), "--data", fixture("bias-relu.csv"), "--lr", "1/20", "--steps", "1"];
  const bad: Array<[string, string[], RegExp]> = [
    ["Adam in exact arithmetic", ["--optimizer", "adam"], /invalid --optimizer\./],
    ["AdamW in exact arithmetic", ["--optimizer", "adamw"], /invalid --optimizer\./],
    ["an unknown optimiser", ["--optimizer", "lion", "--arith", "float"], /invalid --optimizer\./],
    ["Nesterov without momentum", ["--nesterov"], /invalid --nesterov\./],
    ["Nesterov with dampening", ["--nesterov", "--momentum", "1/2", "--dampening", "1/2"], /invalid --nesterov\./],
    ["a negative momentum", ["--momentum", "-1/2"], /invalid --momentum\./],
    ["a negative weight decay", ["--weight-decay", "-1"], /invalid --weight-decay\./],
    ["beta1 = 1", ["--optimizer", "adam", "--arith", "float", "--beta1", "1"], /invalid --beta1\./],
    ["momentum with Adam", ["--optimizer", "adam", "--arith", "float", "--momentum", "1/2"], /invalid --momentum\./],
    ["betas with SGD", ["--beta2", "1/2"], /invalid --beta2\./],
    ["a batch size of 0", ["--batch-size", "0"], /invalid --batch-size\./],
    ["a negative seed", ["--shuffle", "--seed", "-3"], /invalid --seed\./],
    ["a seed without --shuffle", ["--seed", "3"], /invalid --seed\./],
  ];
  for (const [what, extra, message] of bad) {
    it(`should exit 2 with one stderr line naming the flag for ${what}`, async () => {
      const r = await runCliInProcess(["gd", ...net, ...extra]);
      expectBadInput(r);
      expect(r.stderr).toMatch(message);
    });
  }
});
