import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

const DIR = new URL("../fixtures/conv/", import.meta.url).pathname;
const EXPECTED = JSON.parse(readFileSync(`${DIR}expected.json`, "utf8")) as Record<
  string,
  { layers: { layer: number; invariants: string[] }[]; batchNorm: { layer: number; kernelNormSquared: string[]; bias?: string[] }[] }
>;
const tmp = mkdtempSync(join(tmpdir(), "relutopo-conv-"));

// ---- an oracle that knows nothing of relutopo: the float32 bits of a safetensors file, BigInt sums ----

/** A tensor of the file: its shape and each float32 as m · 2^e (m, e integers), read from its bits. */
interface Bits {
  shape: number[];
  values: { m: bigint; e: number }[];
}

function readBits(path: string): Map<string, Bits> {
  const bytes = readFileSync(path);
  const n = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + n).toString("utf8")) as Record<
    string,
    { dtype: string; shape: number[]; data_offsets: [number, number] }
  >;
  const out = new Map<string, Bits>();
  for (const [name, t] of Object.entries(header)) {
    if (t.dtype !== "F32") continue;
    const values: { m: bigint; e: number }[] = [];
    for (let p = 8 + n + t.data_offsets[0]; p < 8 + n + t.data_offsets[1]; p += 4) {
      const u = bytes.readUInt32LE(p);
      const biased = (u >>> 23) & 0xff;
      const frac = u & 0x7fffff;
      const m = BigInt(biased === 0 ? frac : frac | 0x800000) * (u >>> 31 === 1 ? -1n : 1n);
      values.push({ m, e: (biased === 0 ? 1 : biased) - 150 });
    }
    out.set(name, { shape: t.shape, values });
  }
  return out;
}

/** Exact sums of ± (m · 2^e)²: numerator over 2^(−2·MIN), every float32 exponent is at least −149. */
const MIN = -149;
const square = ({ m, e }: { m: bigint; e: number }): bigint => (m * m) << BigInt(2 * (e - MIN));

/** The fraction p/q in lowest terms as fraction.js prints it. */
function fractionText(num: bigint): string {
  let den = 1n << BigInt(-2 * MIN);
  const abs = (x: bigint): bigint => (x < 0n ? -x : x);
  let a = abs(num);
  let b = den;
  while (b !== 0n) [a, b] = [b, a % b];
  if (a === 0n) return "0";
  const n = num / a;
  den /= a;
  return den === 1n ? n.toString() : `${n}/${den}`;
}

/** A layer of the chain: weight, optional bias, optional BatchNorm (γ, β), by their state_dict module names. */
interface OracleLayer {
  w: Bits;
  b?: Bits | undefined;
  bn?: { gamma: Bits; beta: Bits } | undefined;
}

/**
 * c of every hidden unit by the definition: incoming ‖W_l[j]‖² + b_l[j]² (or γ_j² + β_j²), outgoing every
 * entry of the next weight whose input is unit j, found by walking every PyTorch index of that weight.
 */
function oracleInvariants(chain: OracleLayer[]): string[][] {
  const out: string[][] = [];
  for (let l = 0; l + 1 < chain.length; l++) {
    const { w, b, bn } = chain[l]!;
    const up = chain[l + 1]!.w;
    const units = w.shape[0]!;
    const rowLength = w.values.length / units;
    const row: string[] = [];
    for (let j = 0; j < units; j++) {
      let sum = 0n;
      if (bn === undefined) {
        for (let i = 0; i < rowLength; i++) sum += square(w.values[j * rowLength + i]!);
        if (b !== undefined) sum += square(b.values[j]!);
      } else sum += square(bn.gamma.values[j]!) + square(bn.beta.values[j]!);
      if (up.shape.length === 2) {
        const [rows, cols] = up.shape as [number, number];
        // after a linear layer column j; after a convolution (flatten) the columns of channel j
        const per = w.shape.length === 2 ? 1 : cols / units;
        for (let o = 0; o < rows; o++)
          for (let col = 0; col < cols; col++) if (Math.floor(col / per) === j) sum -= square(up.values[o * cols + col]!);
      } else {
        const [O, I, k1, k2 = 1] = up.shape as [number, number, number, number?];
        const groups = units / I;
        for (let o = 0; o < O; o++)
          for (let i = 0; i < I; i++) {
            // PyTorch: output channel o of group ⌊o / (O / g)⌋ reads input channel group · I + i
            if (Math.floor(o / (O / groups)) * I + i !== j) continue;
            for (let p = 0; p < k1; p++) for (let q = 0; q < k2; q++) sum -= square(up.values[((o * I + i) * k1 + p) * k2 + q]!);
          }
      }
      row.push(fractionText(sum));
    }
    out.push(row);
  }
  return out;
}

/** The chain of a file's tensors: modules with a 2-D or larger weight are layers, BatchNorms attach to the layer before. */
function oracleChain(bits: Map<string, Bits>): OracleLayer[] {
  const chain: OracleLayer[] = [];
  for (const [name, t] of bits) {
    if (!name.endsWith(".weight")) continue;
    const module = name.slice(0, -".weight".length);
    if (t.shape.length === 1) chain.at(-1)!.bn = { gamma: t, beta: bits.get(`${module}.bias`)! };
    else chain.push({ w: t, b: bits.get(`${module}.bias`) });
  }
  return chain;
}

const json = async (args: string[]): Promise<Record<string, unknown>> => {
  const r = await runCliInProcess(args);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};

describe("relutopo on convolutional PyTorch checkpoints", () => {
  for (const name of ["conv1d", "conv2d_bn", "named"])
    it(`should give every per-channel c of ${name} digit for digit equal to BigInt sums of its float32 bits, from .pt and .safetensors`, async () => {
      const chain = oracleChain(readBits(`${DIR}${name}.safetensors`));
      const expected = oracleInvariants(chain);
      for (const ext of ["pt", "safetensors"]) {
        const out = await json(["invariants", "--net", `${DIR}${name}.${ext}`, "--json"]);
        expect((out.layers as { invariants: string[] }[]).map((l) => l.invariants)).toEqual(expected);
        expect(out.invariants).toEqual(expected.flat());
      }
      // and the Python Fractions of the torch tensors, computed by make_conv_fixtures.py
      expect(EXPECTED[name]!.layers.map((l) => l.invariants)).toEqual(expected);
    });

  it("should give the BatchNorm laws ‖W_l[j]‖² and b_l[j] exactly, and say which unit is a channel", async () => {
    const chain = oracleChain(readBits(`${DIR}conv2d_bn.safetensors`));
    const out = await json(["invariants", "--net", `${DIR}conv2d_bn.pt`, "--json"]);
    const norms = chain.flatMap((x, l) =>
      x.bn === undefined
        ? []
        : [
            {
              layer: l + 1,
              kernelNormSquared: Array.from({ length: x.w.shape[0]! }, (_, j) => {
                const per = x.w.values.length / x.w.shape[0]!;
                let s = 0n;
                for (let i = 0; i < per; i++) s += square(x.w.values[j * per + i]!);
                return fractionText(s);
              }),
              // b_l[j] = m · 2^e itself, over the same denominator 2^298
              ...(x.b === undefined ? {} : { bias: x.b.values.map((v) => fractionText(v.m << BigInt(v.e - 2 * MIN))) }),
            },
          ],
    );
    expect(out.batchNorm).toEqual(norms);
    expect(out.batchNorm).toEqual(EXPECTED.conv2d_bn!.batchNorm);
    expect((out.layers as { unit: string }[]).map((l) => l.unit)).toEqual(["channel", "channel", "neuron"]);
  });

  it("should say channel in text and print the BatchNorm laws under their layer", async () => {
    const r = await runCliInProcess(["invariants", "--net", `${DIR}named.pt`, "--activation", "relu"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain(
      "hidden layer 1 (convolution `features.0.weight`, BatchNorm `features.1`, 4 channels): c per channel j = γ_j² + β_j² − ‖readers of j in `classifier.1.weight`‖²",
    );
    expect(r.stdout).toMatch(/\n {2}‖features\.0\.weight\[j\]‖² \(scale invariance; conserved under flow only when ε = 0\): /);
    expect(r.stdout).toMatch(/\n {2}features\.0\.bias\[j\] \(zero gradient before BatchNorm; conserved for any ε\): /);
  });

  it("should name in inspect which law holds for which tensor, approximate under PyTorch's ε and exact with --bn-eps 0", async () => {
    const r = await runCliInProcess(["inspect", "--net", `${DIR}conv2d_bn.pt`, "--activation", "relu"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("rescaling of channel j of layer 1: 1.weight[j]² + 1.bias[j]² − ‖readers of channel j in 4.weight‖²");
    expect(r.stdout).toContain(
      "scale invariance of channel j of layer 1: ‖0.weight[j]‖² (approximate): exact only when ε = 0, PyTorch's ε = 1e−5 makes it approximate (ε = 1/100000 here)",
    );
    expect(r.stdout).toContain("zero-gradient bias of neuron j of layer 3: 7.bias[j]: BatchNorm subtracts the batch mean");
    const laws = (
      (await json(["inspect", "--net", `${DIR}conv2d_bn.pt`, "--bn-eps", "0", "--json"])).laws as { law: string; exact: boolean }[]
    )
      .filter((x) => x.law === "scale invariance")
      .map((x) => x.exact);
    expect(laws).toEqual([true, true]);
    const c = (await json(["inspect", "--net", `${DIR}conv1d.safetensors`, "--json"])).layers as { c: string[]; unit: string }[];
    expect(c.map((l) => l.c)).toEqual(oracleInvariants(oracleChain(readBits(`${DIR}conv1d.safetensors`))));
  });

  it("should follow the per-channel c and the BatchNorm laws through checkpoints with track", async () => {
    const out = await json(["track", `${DIR}conv2d_bn.safetensors`, `${DIR}conv2d_bn.pt`, "--json"]);
    const drift = out.drift as { layers: { drift: string[] }[]; batchNorm: { kernelNormSquared: string[] }[] }[];
    // the same state_dict twice: every drift is exactly 0
    expect(drift[1]!.layers.flatMap((l) => l.drift).every((v) => v === "0")).toBe(true);
    expect(drift[1]!.batchNorm.flatMap((l) => l.kernelNormSquared).every((v) => v === "0")).toBe(true);
    const cps = out.checkpoints as { layers: { invariants: string[] }[]; units: string[] }[];
    expect(cps[0]!.layers.map((l) => l.invariants)).toEqual(EXPECTED.conv2d_bn!.layers.map((l) => l.invariants));
    expect(cps[0]!.units).toEqual(["channel", "channel", "neuron"]);
  });

  it("should read the LayerNorm after the linear layer of layernorm.pt as that layer's norm", async () => {
    const r = await runCliInProcess(["invariants", "--net", `${DIR}layernorm.pt`, "--json", "--activation", "relu"]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { layers: { unit: string }[]; layerNorm: { layer: number }[] };
    expect(out.layers.map((l) => l.unit)).toEqual(["channel", "neuron"]);
    expect(out.layerNorm.map((l) => l.layer)).toEqual([2]);
  });

  it("should refuse a convolution after a linear layer and kernels that do not chain in one line each", async () => {
    const cases: [string, RegExp][] = [
      ["conv_after_linear.pt", /The convolution `2\.weight` follows the linear layer `0\.weight`/],
      [
        "unchained.pt",
        /`2\.weight` of shape \[2, 3, 3, 3\] does not chain after `0\.weight`: its 3 input channels per group do not divide the 4 channels/,
      ],
    ];
    for (const [file, message] of cases) {
      const r = await runCliInProcess(["invariants", "--net", `${DIR}${file}`]);
      expectBadInput(r);
      expect(r.stderr).toMatch(message);
    }
  });

  it("should refuse a negative --bn-eps, a BatchNorm without γ and β, and a sub-chain that leaves out a BatchNorm", async () => {
    const eps = await runCliInProcess(["invariants", "--net", `${DIR}conv2d_bn.pt`, "--bn-eps", "-1"]);
    expectBadInput(eps);
    expect(eps.stderr).toMatch(/invalid --bn-eps\. Must be a number ε ≥ 0/);
    const path = join(tmp, "no_affine.json");
    writeFileSync(
      path,
      JSON.stringify({ "a.weight": [[1], [2]], "bn.running_mean": [0, 0], "bn.running_var": [1, 1], "b.weight": [[1, 1]] }),
    );
    const affine = await runCliInProcess(["invariants", "--net", path]);
    expectBadInput(affine);
    expect(affine.stderr).toMatch(/`bn` is a BatchNorm without affine weight and bias \(affine=False\)/);
    const dropped = await runCliInProcess(["invariants", "--net", `${DIR}conv2d_bn.pt`, "--layers", "0,4,7,8,10"]);
    expectBadInput(dropped);
    expect(dropped.stderr).toMatch(/leaves out the BatchNorm `1` after `0`/);
    const listed = await json(["invariants", "--net", `${DIR}conv2d_bn.pt`, "--layers", "0,1,4,7,8,10", "--json"]);
    expect((listed.layers as { invariants: string[] }[]).map((l) => l.invariants)).toEqual(
      EXPECTED.conv2d_bn!.layers.map((l) => l.invariants),
    );
  });

  it("should refuse a convolutional or BatchNorm network in one line in every command that reads fully connected networks", async () => {
    const data = join(tmp, "d.csv");
    writeFileSync(data, "x,y\n1,1\n");
    const net = `${DIR}conv2d_bn.pt`;
    const runs = [
      ["components", "--net", net],
      ["obstruction", "--net", net, "--need-positive", "1"],
      ["gd", "--net", net, "--data", data, "--lr", "1/10", "--steps", "1"],
      ["flow", "--net", net, "--data", data, "--time", "1"],
      ["inspect", "--net", net, "--data", data],
      ["track", net, "--data", data],
    ];
    for (const args of runs) {
      const r = await runCliInProcess(args);
      expectBadInput(r);
      expect(r.stderr).toMatch(/convolution|BatchNorm/);
    }
  });

  it("should read a convolutional network written by hand in the { layers } form, conv and norm included", async () => {
    const path = join(tmp, "hand.json");
    // channel 0: γ² + β² − (1² + 2²) = 4 + 1 − 5 = 0; channel 1: 0 + 1/4 − (3² + 4²) = −99/4
    writeFileSync(
      path,
      JSON.stringify({
        activation: "relu",
        input: { channels: 1, size: [3] },
        layers: [
          {
            W: [
              ["1", "1"],
              ["0", "2"],
            ],
            b: ["5", "6"],
            conv: { kernel: [2], groups: 1, stride: [1] },
            norm: { gamma: ["2", "0"], beta: ["1", "1/2"], eps: "0" },
          },
          { W: [["1", "2", "3", "4"]] },
        ],
      }),
    );
    const out = await json(["inspect", "--net", path, "--json"]);
    expect((out.layers as { c: string[] }[])[0]!.c).toEqual(["0", "-99/4"]);
    expect(out.batchNorm).toEqual([{ layer: 1, kernelNormSquared: ["2", "4"], bias: ["5", "6"] }]);
    const bad = join(tmp, "bad.json");
    writeFileSync(bad, JSON.stringify({ layers: [{ W: [["1", "1"]], conv: { kernel: [3] } }, { W: [["1"]] }] }));
    expectBadInput(await runCliInProcess(["invariants", "--net", bad]));
  });
});
