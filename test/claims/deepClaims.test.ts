import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbDeepProblem, arbLayeredNetwork, type DeepProblem } from "../../src/claims/index.js";
import { checkClaim } from "../../src/claims/checkClaim.js";
import { deepGdConservesC, deepGdDriftIdentity, deepLockedWeightKeepsSign } from "../../src/claims/library/deepClaims.js";
import { BUILTIN_CLAIMS } from "../../src/claims/library/index.js";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import { layerInvariants } from "../../src/invariants/layerInvariants.js";
import { datasetIn } from "../../src/net/datasetIn.js";
import { forward } from "../../src/net/forward.js";
import { layeredFromObject } from "../../src/net/layeredFromObject.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { readDataset } from "../../src/net/readDataset.js";
import { exact, type Rational } from "../../src/scalar/exact.js";

const inExact = (net: LayeredNetwork<string>): LayeredNetwork<Rational> => ({
  activation: net.activation,
  layers: net.layers.map(({ W, b }) => ({ W: W.map((r) => r.map(exact.parse)), b: b?.map(exact.parse) })),
});

/** Hidden pre-activations z_{l,k,i} that are exactly 0 (a hidden neuron on the kink of a data point). */
function kinksOf(net: LayeredNetwork<string>, X: readonly (readonly string[])[]): number {
  const { preActivations } = forward(
    inExact(net),
    X.map((x) => x.map(exact.parse)),
    exact,
  );
  return preActivations.slice(0, -1).reduce((s, Z) => s + Z.flat().filter((z) => exact.sign(z) === 0).length, 0);
}

describe("arbDeepProblem and arbLayeredNetwork", () => {
  it("should draw networks of 2 to 4 weight layers whose widths chain and match the data", () => {
    const draws = fc.sample(arbDeepProblem(), { numRuns: 300, seed: 4 });
    const depths = new Set(draws.map((p) => p.net.layers.length));
    expect([...depths].sort()).toEqual([2, 3, 4]);
    for (const { net, data } of draws) {
      net.layers.forEach(({ W, b }, l) => {
        const cols = l === 0 ? data.X[0]!.length : net.layers[l - 1]!.W.length;
        expect(W.length).toBeGreaterThanOrEqual(1);
        expect(W.length).toBeLessThanOrEqual(3);
        for (const row of W) expect(row).toHaveLength(cols);
        if (b) expect(b).toHaveLength(W.length);
      });
      expect(net.layers.at(-1)!.W).toHaveLength(data.Y[0]!.length);
      expect(data.X).toHaveLength(data.Y.length);
    }
    // every activation, with and without biases, at depth 3 and 4
    expect(new Set(draws.map((p) => p.net.activation.kind))).toEqual(new Set(["relu", "leaky_relu", "abs", "linear"]));
    const deep = draws.filter((p) => p.net.layers.length >= 3);
    expect(deep.some((p) => p.net.layers.every((x) => x.b === undefined))).toBe(true);
    expect(deep.some((p) => p.net.layers.some((x) => x.b !== undefined))).toBe(true);
  });

  it("should place hidden neurons exactly on a kink, in the second hidden layer too", () => {
    // z = 0 also happens by chance (a zero weight row, a dead unit): compare with the same draws without kinks
    const secondLayerKink = ({ net, data }: DeepProblem): boolean => {
      const { preActivations, inputs } = forward(
        inExact(net),
        data.X.map((x) => x.map(exact.parse)),
        exact,
      );
      return preActivations[1]!.some((z, i) => z.some((v) => exact.sign(v) === 0) && inputs[1]![i]!.some((a) => exact.sign(a) !== 0));
    };
    const count = (kinks: boolean): { any: number; second: number } => {
      const draws = fc.sample(arbDeepProblem({ depth: { min: 3, max: 4 }, biases: false, kinks }), { numRuns: 200, seed: 9 });
      return { any: draws.filter((p) => kinksOf(p.net, p.data.X) > 0).length, second: draws.filter(secondLayerKink).length };
    };
    const on = count(true);
    const off = count(false);
    expect(on.any - off.any).toBeGreaterThanOrEqual(40);
    expect(on.second - off.second).toBeGreaterThanOrEqual(30);
    const nets = fc.sample(arbLayeredNetwork({ depth: { min: 4, max: 4 }, width: { min: 2, max: 2 } }), { numRuns: 20, seed: 2 });
    for (const net of nets) {
      expect(net.layers).toHaveLength(4);
      expect(net.layers.slice(0, -1).every((x) => x.W.length === 2)).toBe(true);
    }
  });

  it("should refuse a depth below two weight layers", () => {
    expect(() => arbDeepProblem({ depth: { min: 1, max: 2 } })).toThrow(/invalid depth/);
  });
});

describe("the deep claims", () => {
  it("should be in the built-in library", () => {
    for (const c of [deepGdDriftIdentity, deepLockedWeightKeepsSign, deepGdConservesC]) expect(BUILTIN_CLAIMS).toContain(c);
  });

  it("should pass the exact drift identity at every layer and the locked-sign theorem", async () => {
    const drift = await checkClaim(deepGdDriftIdentity, { runs: 100, seed: 5 });
    expect(drift).toMatchObject({ verdict: "pass", runs: 100, asTagged: true });
    const locked = await checkClaim(deepLockedWeightKeepsSign, { runs: 30, seed: 5 });
    expect(locked).toMatchObject({ verdict: "pass", runs: 30, asTagged: true });
  });

  it("should refute deep GD conserving c with a shrunk deep counterexample that replays", async () => {
    const v = await checkClaim(deepGdConservesC, { runs: 100, seed: 3 });
    expect(v.verdict).toBe("refuted");
    if (v.verdict !== "refuted") return;
    const w = v.witness as { net: unknown; data: string; lr: string };
    const net = layeredFromObject(w.net, "witness");
    expect(net.layers.length).toBeGreaterThanOrEqual(3);
    // shrunk: one unit per hidden layer, at most two points
    expect(net.layers.slice(0, -1).every((x) => x.W.length === 1)).toBe(true);
    const data = readDataset(w.data, net.layers[0]!.W[0]!.length, net.layers.at(-1)!.W.length);
    expect(data.X.length).toBeLessThanOrEqual(2);
    // replayed independently: one exact GD step from the witness files moves some c_{l,k}
    const exactNet = inExact(net);
    const run = gradientDescent(exactNet, datasetIn(data, exact), exact, { lr: exact.parse(w.lr), steps: 1, loss: "mse" });
    const before = layerInvariants(exactNet, exact).flat();
    const after = layerInvariants(run.params, exact).flat();
    expect(before.some((c, k) => !exact.eq(c, after[k]!))).toBe(true);
    const replay = await checkClaim(deepGdConservesC, { seed: 3, path: v.path });
    expect(replay.verdict).toBe("refuted");
    expect(replay.verdict === "refuted" && replay.witness).toEqual(v.witness);
  });
});
