import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import type { OptimizerOptions } from "../../src/flow/optimizerSpec.js";
import { datasetIn } from "../../src/net/datasetIn.js";
import { readDataset } from "../../src/net/readDataset.js";
import { networkIn } from "../../src/net/networkIn.js";
import { networkToJson } from "../../src/net/networkToJson.js";
import { readNetwork } from "../../src/net/readNetwork.js";
import { arithmetic } from "../../src/scalar/arithmetic.js";

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/gd/${name}`, import.meta.url));

/** A two-layer run in float or decimal arithmetic, where the order of every operation shows in the digits. */
interface AdapterCase {
  name: string;
  problem: "bias-relu" | "nobias-leaky" | "kink-abs";
  arith: string;
  lr: string;
  steps: number;
  optimizer: Record<string, string | boolean>;
  batchSize?: number;
  shuffleSeed?: number;
}

const CASES: AdapterCase[] = [
  { name: "plain float", problem: "bias-relu", arith: "float", lr: "0.05", steps: 4, optimizer: {} },
  {
    name: "nesterov + decay + shuffled batches, float",
    problem: "kink-abs",
    arith: "float",
    lr: "0.05",
    steps: 5,
    optimizer: { momentum: "0.9", nesterov: true, weightDecay: "0.01" },
    batchSize: 2,
    shuffleSeed: 3,
  },
  {
    name: "dampening + decay, decimal:30",
    problem: "nobias-leaky",
    arith: "decimal:30",
    lr: "0.1",
    steps: 4,
    optimizer: { momentum: "0.5", dampening: "0.25", weightDecay: "0.1" },
    batchSize: 3,
  },
  { name: "adam float", problem: "bias-relu", arith: "float", lr: "0.01", steps: 4, optimizer: { name: "adam", weightDecay: "0.1" } },
  { name: "adamw decimal:40", problem: "kink-abs", arith: "decimal:40", lr: "0.01", steps: 3, optimizer: { name: "adamw" }, batchSize: 2 },
  {
    name: "adamw float, no bias",
    problem: "nobias-leaky",
    arith: "float",
    lr: "0.02",
    steps: 3,
    optimizer: { name: "adamw", weightDecay: "0.5" },
  },
];

/** Every number a two-layer run returns, as the canonical text of its arithmetic. */
function runCase(c: AdapterCase): unknown {
  const S = arithmetic(c.arith);
  const raw = readNetwork(readFileSync(fixture(`${c.problem}.json`), "utf8"));
  const d = raw.W1[0]!.length;
  const e = raw.W2.length;
  const data = datasetIn(readDataset(readFileSync(fixture(`${c.problem}.csv`), "utf8"), d, e), S);
  const optimizer: OptimizerOptions<unknown> = {};
  for (const [k, v] of Object.entries(c.optimizer))
    (optimizer as Record<string, unknown>)[k] = typeof v === "boolean" || k === "name" ? v : S.parse(v);
  const run = gradientDescent(networkIn(raw, S), data, S, {
    lr: S.parse(c.lr),
    steps: c.steps,
    // recorded before mse became PyTorch's mean over every element: the sum over outputs, averaged over points
    loss: "sse-mean",
    optimizer,
    batchSize: c.batchSize,
    shuffleSeed: c.shuffleSeed,
  });
  const str = (v: unknown): string => S.toString(v);
  const rows = (m: unknown[][]): string[][] => m.map((r) => r.map(str));
  return {
    params: networkToJson(run.params, S),
    batches: run.batches,
    losses: run.losses.map(str),
    invariants: rows(run.invariants),
    observed: rows(run.observedDrift),
    predicted: rows(run.predictedDrift),
  };
}

describe("gradientDescent on a two-layer network", () => {
  const golden = JSON.parse(readFileSync(fixture("adapter-golden.json"), "utf8")) as Record<string, unknown>;
  for (const c of CASES) {
    it(`should give, digit for digit, the run recorded from the two-layer loop before it became an adapter (${c.name})`, () => {
      expect(runCase(c)).toEqual(golden[c.name]);
    });
  }
});
