import fc from "fast-check";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { integrateFlow } from "../../src/flow/integrateFlow.js";
import type { Activation } from "../../src/net/activation.js";
import { readDataset, type Dataset } from "../../src/net/readDataset.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { readAnyNetworkFile } from "../../src/net/readAnyNetworkFile.js";
import { flowActivation, maxDiff } from "./flowHelpers.js";

/** Small rationals p/q with |p| ≤ 6, q ≤ 4, as text. */
const small = fc.tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: 1, max: 4 })).map(([p, q]) => `${p}/${q}`);
const row = (n: number): fc.Arbitrary<string[]> => fc.array(small, { minLength: n, maxLength: n });
const mat = (r: number, c: number): fc.Arbitrary<string[][]> => fc.array(row(c), { minLength: r, maxLength: r });

/**
 * Random three-layer networks (widths ≤ 2, one output, each bias present or not, every
 * activation) with n ≤ 3 points, one of them optionally x = 0, which puts the hidden layers
 * on their kinks at t = 0 when no bias moves them off.
 */
const deepFlowProblem = (
  act: fc.Arbitrary<Activation> = flowActivation,
): fc.Arbitrary<{ net: LayeredNetwork<string>; data: Dataset<string> }> =>
  fc
    .record({
      d: fc.integer({ min: 1, max: 2 }),
      h1: fc.integer({ min: 1, max: 2 }),
      h2: fc.integer({ min: 1, max: 2 }),
      n: fc.integer({ min: 1, max: 3 }),
    })
    .chain(({ d, h1, h2, n }) =>
      fc.record({
        activation: act,
        layers: fc.tuple(
          fc.record({ W: mat(h1, d), b: fc.option(row(h1), { nil: undefined }) }),
          fc.record({ W: mat(h2, h1), b: fc.option(row(h2), { nil: undefined }) }),
          fc.record({ W: mat(1, h2), b: fc.option(row(1), { nil: undefined }) }),
        ),
        X: mat(n, d),
        Y: mat(n, 1),
        zeroPoint: fc.boolean(),
      }),
    )
    .map(({ activation, layers, X, Y, zeroPoint }) => ({
      net: { activation, layers },
      data: { X: zeroPoint ? [X[0]!.map(() => "0"), ...X.slice(1)] : X, Y },
    }));

describe("integrateFlow on networks of depth ≥ 3", () => {
  it("should let the c_{l,k} drift with rk4, which does not conserve them, far above gauss on the same run", () => {
    // Arrange
    const net = readAnyNetworkFile("examples/deep.safetensors") as LayeredNetwork<string>;
    const data = readDataset("x1,x2,y\n-3,-2,1\n2,-3,-1/2\n1/2,1,2\n", 2, 1);
    // Act
    const rk4 = integrateFlow(net, data, { time: "1", digits: 30, method: "rk4", steps: 20 });
    const gauss = integrateFlow(net, data, { time: "1", digits: 30, method: "gauss" });
    // Assert
    expect(Number(rk4.maxDrift)).toBeGreaterThan(1e-12);
    expect(Number(gauss.maxDrift)).toBeLessThan(1e-25);
    expect(maxDiff([rk4.lossT], [gauss.lossT])).toBeLessThan(1e-4);
  });

  it("should never change the sign of the single outgoing weight of a pathological last-layer neuron (c < 0)", () => {
    fc.assert(
      fc.property(deepFlowProblem(), ({ net, data }) => {
        const run = integrateFlow(net, data, { time: "1/2", digits: 20, method: "gauss" });
        const last = run.layers!.at(-1)!;
        expect(last.signChanges).not.toBeNull();
        for (const [k, c] of last.invariants0.entries()) if (new Decimal(c).isNegative()) expect(last.signChanges).not.toContain(k);
      }),
      { numRuns: 15 },
    );
  });

  it("should print params as layers, one entry per hidden layer, and no signs for neurons with vector outgoing weights", () => {
    // Arrange: widths 2, 3, 3, 1: layer 1's neurons feed three units, layer 2's one.
    const net = readAnyNetworkFile("examples/deep.safetensors") as LayeredNetwork<string>;
    const data = readDataset("x1,x2,y\n-3,-2,1\n2,-3,-1/2\n1/2,1,2\n", 2, 1);
    // Act
    const run = integrateFlow(net, data, { time: "1/4", digits: 15, method: "rk4", samples: 2 });
    // Assert
    expect((run.params as { layers: unknown[] }).layers).toHaveLength(3);
    expect(run.layers!.map((l) => [l.layer, l.invariants0.length, l.signChanges === null])).toEqual([
      [1, 3, true],
      [2, 3, false],
    ]);
    expect(run.samples.map((s) => s.invariants.length)).toEqual([6, 6]);
    expect(run.events).toEqual([]);
  });

  it("should refuse the taylor method on a deep network with one line naming gauss and rk4", () => {
    const net = readAnyNetworkFile("examples/deep.safetensors");
    const data = readDataset("x1,x2,y\n1,1,1\n", 2, 1);
    expect(() => integrateFlow(net, data, { time: "1" })).toThrow(InputError);
    expect(() => integrateFlow(net, data, { time: "1" })).toThrow(
      "the Taylor method handles two-layer networks; use method gauss or rk4 for deeper ones",
    );
  });

  it("should give a two-layer network in the layers form exactly the two-layer run", () => {
    const two = { activation: { kind: "relu" } as Activation, W1: [["1", "-1/2"]], b1: ["1/4"], W2: [["2"]] };
    const layered: LayeredNetwork<string> = { activation: two.activation, layers: [{ W: two.W1, b: two.b1 }, { W: two.W2 }] };
    const data = readDataset("x1,x2,y\n1,2,1\n-1,1/2,0\n", 2, 1);
    for (const method of ["taylor", "gauss", "rk4"] as const)
      expect(integrateFlow(layered, data, { time: "1/2", digits: 20, method })).toEqual(
        integrateFlow(two, data, { time: "1/2", digits: 20, method }),
      );
  });
});
