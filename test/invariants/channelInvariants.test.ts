import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batchNormLaws } from "../../src/invariants/batchNormLaws.js";
import { floatLayerInvariants } from "../../src/invariants/floatLayerInvariants.js";
import { layerInvariants } from "../../src/invariants/layerInvariants.js";
import { neuronInvariants } from "../../src/invariants/neuronInvariants.js";
import type { Layer, LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { mapNetwork } from "../../src/net/mapNetwork.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { floatFraction } from "../../src/scalar/floatFraction.js";

/** A dyadic value, as a float file holds them: an integer over 8. */
const value = fc.integer({ min: -40, max: 40 }).map((k) => k / 8);
const row = (n: number): fc.Arbitrary<number[]> => fc.array(value, { minLength: n, maxLength: n });
const rows = (r: number, c: number): fc.Arbitrary<number[][]> => fc.array(row(c), { minLength: r, maxLength: r });

/**
 * Small chains of 1 or 2 convolutions (1-D or 2-D kernels, groups that divide the channels, a bias or
 * not, a BatchNorm or not) then a flattening linear layer and maybe another linear layer.
 */
const convNet: fc.Arbitrary<LayeredNetwork<number>> = fc
  .record({
    dims: fc.integer({ min: 1, max: 2 }),
    input: fc.integer({ min: 1, max: 2 }),
    convs: fc.array(
      fc.record({ groups: fc.integer({ min: 1, max: 2 }), perGroup: fc.integer({ min: 1, max: 2 }), k: fc.integer({ min: 1, max: 2 }) }),
      {
        minLength: 1,
        maxLength: 2,
      },
    ),
    positions: fc.integer({ min: 1, max: 3 }),
    outputs: fc.array(fc.integer({ min: 1, max: 2 }), { minLength: 1, maxLength: 2 }),
  })
  .chain(({ dims, input, convs, positions, outputs }) => {
    let channels = input;
    const layers: fc.Arbitrary<Layer<number>>[] = [];
    for (const [i, { groups: g0, perGroup, k }] of convs.entries()) {
      // the first convolution reads the input with groups 1; later ones split the channels below
      const groups = i === 0 || channels % g0 !== 0 ? 1 : g0;
      const out = groups * perGroup;
      const kernel = new Array<number>(dims).fill(k);
      const width = (channels / groups) * k ** dims;
      layers.push(
        fc.record({
          W: rows(out, width),
          b: fc.option(row(out), { nil: undefined }),
          conv: fc.constant({ kernel, groups }),
          norm: fc.option(fc.record({ gamma: row(out), beta: row(out), eps: fc.constant(0) }), { nil: undefined }),
        }),
      );
      channels = out;
    }
    let units = channels * positions;
    for (const o of outputs) {
      layers.push(fc.record({ W: rows(o, units), b: fc.option(row(o), { nil: undefined }) }));
      units = o;
    }
    return fc.tuple(...layers).map((ls) => ({
      activation: { kind: "relu" as const },
      layers: ls.map((l, i) => (i === ls.length - 1 ? { ...l, norm: undefined } : l)),
    }));
  });

/**
 * c of unit j by PyTorch's definition of what reads it, entry by entry of the next W: a dense layer's
 * column j; after a convolution with C channels, flatten puts channel ⌊col / (cols / C)⌋ in column col; a
 * convolution with g groups gives row r the input channels of group ⌊r / (rows / g)⌋, column col the
 * channel ⌊col / kernel size⌋ of that group.
 */
function definitionOfC(net: LayeredNetwork<Rational>): string[][] {
  const out: string[][] = [];
  for (let l = 0; l + 1 < net.layers.length; l++) {
    const lower = net.layers[l]!;
    const upper = net.layers[l + 1]!;
    const C = lower.W.length;
    const cols = upper.W[0]!.length;
    const reads = (r: number, col: number): number => {
      if (upper.conv === undefined) return lower.conv === undefined ? col : Math.floor(col / (cols / C));
      const g = upper.conv.groups;
      const kernel = cols / (C / g);
      return Math.floor(r / (upper.W.length / g)) * (C / g) + Math.floor(col / kernel);
    };
    out.push(
      lower.W.map((w, j) => {
        const incoming = lower.norm === undefined ? [...w, ...(lower.b ? [lower.b[j]!] : [])] : [lower.norm.gamma[j]!, lower.norm.beta[j]!];
        let c = incoming.reduce((s, v) => s.add(v.mul(v)), exact.zero);
        for (const [i, r] of upper.W.entries()) for (const [col, v] of r.entries()) if (reads(i, col) === j) c = c.sub(v.mul(v));
        return exact.toString(c);
      }),
    );
  }
  return out;
}

describe("c per channel", () => {
  it("should agree between the definition, neuronInvariants, the dyadic path and the float path on random convolutional chains", () => {
    fc.assert(
      fc.property(convNet, (floats) => {
        const net = mapNetwork(floats, floatFraction);
        const expected = definitionOfC(net);
        expect(layerInvariants(net, exact).map((r) => r.map(exact.toString))).toEqual(expected);
        expect(neuronInvariants(net, exact).map(exact.toString)).toEqual(expected.flat());
        expect(floatLayerInvariants(floats).map((r) => r.map(exact.toString))).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it("should take (γ_j, β_j) as the incoming of a batch-normalised channel, and leave ‖W_l[j]‖² and b_l[j] to batchNormLaws", () => {
    // Arrange: 2 channels of a 1-D kernel of 2, BatchNorm, then a linear layer over 2 positions per channel
    const p = (v: string): Rational => exact.parse(v);
    const net: LayeredNetwork<Rational> = {
      activation: { kind: "relu" },
      layers: [
        {
          W: [
            [p("1"), p("2")],
            [p("3"), p("1/2")],
          ],
          b: [p("7"), p("-1")],
          conv: { kernel: [2], groups: 1 },
          norm: { gamma: [p("2"), p("1/2")], beta: [p("1"), p("0")], eps: p("1/100000") },
        },
        { W: [[p("1"), p("1"), p("2"), p("0")]] },
      ],
    };
    // Act
    const c = layerInvariants(net, exact)[0]!.map(exact.toString);
    const laws = batchNormLaws(net, exact);
    // Assert: 4 + 1 − (1 + 1) = 3; 1/4 + 0 − (4 + 0) = −15/4; the kernels 1 + 4 = 5 and 9 + 1/4 = 37/4
    expect(c).toEqual(["3", "-15/4"]);
    expect(laws.map((x) => ({ layer: x.layer, kernel: x.kernel.map(exact.toString), bias: x.bias?.map(exact.toString) }))).toEqual([
      { layer: 1, kernel: ["5", "37/4"], bias: ["7", "-1"] },
    ]);
  });
});
