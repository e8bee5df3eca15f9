import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { floatLayerInvariants } from "../../src/invariants/floatLayerInvariants.js";
import { layerInvariants } from "../../src/invariants/layerInvariants.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { openNetworkFile } from "../../src/net/openNetworkFile.js";
import { exact } from "../../src/scalar/exact.js";
import { floatText } from "../../src/scalar/floatText.js";

// Files written by torch itself (test/fixtures/torch/real/make_real_fixtures.py); expected.json holds
// each hidden neuron's c computed with Python integers and Fractions from the tensors torch holds.
const REAL = new URL("../fixtures/torch/real/", import.meta.url).pathname;
const EXPECTED = JSON.parse(readFileSync(`${REAL}expected.json`, "utf8")) as Record<string, string[][]>;
const rows = (file: string, options = {}): string[][] => {
  const f = openNetworkFile(`${REAL}${file}`, options);
  return floatLayerInvariants(f.floats!).map((r) => r.map(exact.toString));
};

describe("PyTorch files as torch writes them", () => {
  for (const file of ["named.pt", "checkpoint.pt", "twin_f16.pt", "twin_bf16.pt", "twin_f64.pt"])
    it(`should read ${file} to the c of the independent Python integer computation, digit for digit`, () => {
      expect(rows(file)).toEqual(EXPECTED[file]);
    });

  it("should pick a sub-chain with layers, and read a `module.` prefix as the same chain", () => {
    expect(rows("named.pt", { layers: ["fc2", "fc3"] })).toEqual(EXPECTED["named.pt --layers fc2,fc3"]);
    expect(rows("prefixed.pt")).toEqual(EXPECTED["checkpoint.pt"]);
  });

  it("should unwrap a checkpoint dict under the key it is told, and say what to do without one", () => {
    expect(rows("checkpoint_weights.pt", { key: "weights" })).toEqual(EXPECTED["checkpoint.pt"]);
    expect(() => openNetworkFile(`${REAL}checkpoint_weights.pt`, {})).toThrow(/none a state_dict .*; pass --key NAME\.$/);
    expect(() => openNetworkFile(`${REAL}checkpoint.pt`, { key: "epoch" })).toThrow(/has no dict entry `epoch`/);
  });

  const refused: [string, RegExp][] = [
    [
      "whole_model.pt",
      /It holds a pickled module \(`torch\.nn\.modules\.container\.Sequential`\): save `model\.state_dict\(\)`, not the model\.$/,
    ],
    ["legacy.pt", /legacy \(pre-zip\) torch\.save file; re-save with torch\.save, whose zip format is the default since PyTorch 1\.6\.$/],
    ["mismatch.pt", /2\.weight in `[^`]*mismatch\.pt`\. Must be a matrix of 3 columns, one per unit of 0\.weight\. Value: `4 columns`\.$/],
    ["stride0.pt", /Tensor `0\.weight` has 9000000 elements, more than the 1 of its storage/],
    ["bomb.pt", /Its storages hold 536870912 elements, more than 16000000\.$/],
  ];
  it("should read batchnorm.pt, its BatchNorm1d the norm of the linear layer before it (ε = 1e-5 exactly, the running statistics set aside)", () => {
    const file = openNetworkFile(`${REAL}batchnorm.pt`, {});
    const sd = file.net.layers;
    expect(sd.map((l) => l.W.length)).toEqual([3, 1]);
    expect(sd[0]!.norm?.eps).toBe("1/100000");
    expect(sd[0]!.norm?.gamma).toHaveLength(3);
    expect(sd[1]!.norm).toBeUndefined();
    expect(file.names?.map((n) => n.norm)).toEqual(["1", undefined]);
    expect(openNetworkFile(`${REAL}batchnorm.pt`, { bnEps: "0" }).net.layers[0]!.norm?.eps).toBe("0");
  });

  it("should read layernorm.pt, its LayerNorm the norm (kind layer) of the linear layer before it", () => {
    const file = openNetworkFile(`${REAL}layernorm.pt`, {});
    const [first, last] = file.net.layers;
    expect(first!.norm?.kind).toBe("layer");
    expect(first!.norm?.gamma).toEqual(["1", "1", "1"]);
    expect(first!.norm?.eps).toBe("1/100000");
    expect(last!.norm).toBeUndefined();
    expect(file.names?.map((n) => n.norm)).toEqual(["1", undefined]);
  });

  for (const [file, message] of refused)
    it(`should refuse ${file} in one line that says why`, () => {
      const run = (): unknown => openNetworkFile(`${REAL}${file}`, {});
      expect(run).toThrow(InputError);
      expect(run).toThrow(message);
    });

  it("should refuse the bomb before inflating anything (memory stays far below its 2 GiB)", () => {
    const before = process.memoryUsage().rss;
    expect(() => openNetworkFile(`${REAL}bomb.pt`, {})).toThrow(InputError);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });
});

describe("the activation of a file", () => {
  const deep = new URL("../../examples/deep.safetensors", import.meta.url).pathname;
  const pt = `${REAL}named.pt`;

  it("should take it from the file, the flag, or assume relu out loud", () => {
    const told: string[] = [];
    const onAssumed = (f: string): number => told.push(f);
    expect(openNetworkFile(pt, { onAssumed }).activation).toEqual({ name: "relu", source: "assumed" });
    expect(told).toEqual([pt]);
    expect(openNetworkFile(pt, { activation: "LeakyReLU", onAssumed }).activation).toEqual({ name: "leaky_relu:1/100", source: "flag" });
    expect(openNetworkFile(deep, { onAssumed }).activation.source).toBe("file");
    expect(told).toEqual([pt]);
  });

  it("should refuse a flag that contradicts the file, and a non-homogeneous activation saying why", () => {
    expect(() => openNetworkFile(deep, { activation: "abs" })).toThrow(
      /^invalid activation\. Must be the activation `[^`]*deep\.safetensors` stores, relu, or none\. Value: `abs`\.$/,
    );
    for (const name of ["tanh", "sigmoid", "gelu", "silu", "elu", "softplus"])
      expect(() => openNetworkFile(pt, { activation: name })).toThrow(
        new RegExp(`^invalid activation\\. Must be positively homogeneous .*Value: \`${name}\`\\. Under ${name} no c is conserved`),
      );
  });
});

describe("floatLayerInvariants", () => {
  it("should equal layerInvariants of the exact texts of the same floats (any float32 and float64 values)", () => {
    const value = fc.oneof(
      fc.float({ noNaN: true, noDefaultInfinity: true }).map(Math.fround),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 6, maxLength: 6 }), (v) => {
        const net: LayeredNetwork<number> = {
          activation: { kind: "relu" },
          layers: [{ W: [[v[0]!], [v[1]!]], b: [v[2]!, v[3]!] }, { W: [[v[4]!, v[5]!]] }],
        };
        const reference = layerInvariants(
          {
            activation: net.activation,
            layers: net.layers.map(({ W, b }) => ({
              W: W.map((r) => r.map((x) => exact.parse(floatText(x)))),
              b: b?.map((x) => exact.parse(floatText(x))),
            })),
          },
          exact,
        );
        // an independent oracle: Fraction arithmetic on the exact texts
        expect(floatLayerInvariants(net).map((r) => r.map(exact.toString))).toEqual(reference.map((r) => r.map(exact.toString)));
        const [w0, w1, b0, b1, a0, a1] = v.map((x) => exact.parse(floatText(x)));
        expect(exact.toString(floatLayerInvariants(net)[0]![1]!)).toBe(exact.toString(w1!.mul(w1!).add(b1!.mul(b1!)).sub(a1!.mul(a1!))));
        void w0;
        void b0;
        void a0;
      }),
      { numRuns: 300 },
    );
  });
});
