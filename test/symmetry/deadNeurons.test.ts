import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { deadNeurons } from "../../src/symmetry/deadNeurons.js";
import { rational } from "../helpers/arbitraries.js";

const q = exact.parse;

/** A relu net with input width 1–2, one or two hidden layers of width 1–3, often negative weights. */
const netAndInputs = fc
  .record({
    widths: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    deep: fc.boolean(),
    bias: fc.boolean(),
  })
  .chain(({ widths: [d, h1, h2], deep, bias }) => {
    const widths = deep ? [d, h1, h2, 1] : [d, h1, 1];
    const layer = (i: number) =>
      fc.record({
        W: fc.array(fc.array(rational(2, 2), { minLength: widths[i]!, maxLength: widths[i]! }), {
          minLength: widths[i + 1]!,
          maxLength: widths[i + 1]!,
        }),
        b: bias ? fc.array(rational(2, 2), { minLength: widths[i + 1]!, maxLength: widths[i + 1]! }) : fc.constant(undefined),
      });
    return fc.record({
      layers: fc.tuple(...widths.slice(1).map((_, i) => layer(i))),
      X: fc.array(fc.array(rational(2, 1), { minLength: d, maxLength: d }), { minLength: 1, maxLength: 4 }),
    });
  })
  .map(({ layers, X }) => ({ net: { activation: { kind: "relu" as const }, layers } as LayeredNetwork<Rational>, X }));

/** The pre-activations of every hidden layer, computed here row by row with no library code. */
function bruteForcePreActivations(net: LayeredNetwork<Rational>, X: readonly (readonly Rational[])[]): Rational[][][] {
  const out: Rational[][][] = [];
  let inputs = X.map((x) => [...x]);
  for (let l = 0; l + 1 < net.layers.length; l++) {
    const { W, b } = net.layers[l]!;
    const Z = inputs.map((x) => W.map((w, k) => w.reduce((s, v, j) => s.add(v.mul(x[j]!)), b ? b[k]! : exact.zero)));
    out.push(Z);
    inputs = Z.map((z) => z.map((v) => (v.s < 0n || v.n === 0n ? exact.zero : v)));
  }
  return out;
}

describe("deadNeurons", () => {
  it("should list exactly the neurons whose pre-activation is ≤ 0 at every point (first layer) as a brute-force pass finds", () => {
    fc.assert(
      fc.property(netAndInputs, ({ net, X }) => {
        const Z = bruteForcePreActivations(net, X);
        const expected = Z[0]![0]!.flatMap((_, k) => {
          const signs = Z[0]!.map((z) => exact.sign(z[k]!));
          // at the origin (w̃_k = 0 and every outgoing weight 0): nothing of it moves, under the flow too
          const { W, b } = net.layers[0]!;
          const zero = (v: Rational): boolean => exact.sign(v) === 0;
          if (W[k]!.every(zero) && (b === undefined || zero(b[k]!)) && net.layers[1]!.W.every((r) => zero(r[k]!)))
            return [`1,${k},forever,forever`];
          if (signs.every((s) => s < 0)) return [`1,${k},forever,forever`];
          if (signs.every((s) => s <= 0)) return [`1,${k},forever,kink`];
          return [];
        });
        const first = deadNeurons(net, X)
          .filter((d) => d.layer === 1)
          .map((d) => `${d.layer},${d.neuron},${d.gd},${d.flow}`);
        expect(first).toEqual(expected);
        // every deeper neuron listed is dead at the start on the data, by the brute-force pass
        for (const d of deadNeurons(net, X).filter((x) => x.layer > 1))
          if (d.gd === "start") expect(Z[d.layer - 1]!.every((z) => exact.sign(z[d.neuron]!) <= 0)).toBe(true);
      }),
    );
  });

  it("should leave every parameter of a neuron dead forever under gradient descent unchanged by exact steps", () => {
    fc.assert(
      fc.property(netAndInputs, fc.array(rational(3, 2), { minLength: 4, maxLength: 4 }), ({ net, X }, ys) => {
        const dead = deadNeurons(net, X).filter((d) => d.gd === "forever");
        fc.pre(dead.length > 0);
        const data = { X, Y: X.map((_, i) => [ys[i]!]) };
        const after = gradientDescent(net, data, exact, { lr: q("1/4"), steps: 3, loss: "mse" }).params;
        for (const { layer, neuron } of dead) {
          const before = net.layers;
          const now = after.layers;
          const same = (a: Rational, b: Rational): boolean => exact.eq(a, b);
          // incoming weights and bias
          expect(now[layer - 1]!.W[neuron]!.every((v, j) => same(v, before[layer - 1]!.W[neuron]![j]!))).toBe(true);
          if (before[layer - 1]!.b) expect(same(now[layer - 1]!.b![neuron]!, before[layer - 1]!.b![neuron]!)).toBe(true);
          // outgoing weights
          expect(now[layer]!.W.every((r, i) => same(r[neuron]!, before[layer]!.W[i]![neuron]!))).toBe(true);
        }
      }),
    );
  });

  it("should find none for an activation whose derivative never vanishes", () => {
    const net: LayeredNetwork<Rational> = {
      activation: { kind: "leaky_relu", slope: "1/100" },
      layers: [{ W: [[q("-1")]] }, { W: [[q("1")]] }],
    };
    expect(deadNeurons(net, [[q("1")]])).toEqual([]);
  });

  it("should prove a deeper neuron dead forever only from signs: incoming ≤ 0 and bias < 0", () => {
    const net: LayeredNetwork<Rational> = {
      activation: { kind: "relu" },
      layers: [{ W: [[q("1")]] }, { W: [[q("-1")], [q("1")]], b: [q("-1/2"), q("-5")] }, { W: [[q("1"), q("1")]] }],
    };
    // at x = 1: neuron 1 has z = −3/2 (dead forever by signs), neuron 2 has z = −4 (dead at the start only)
    expect(deadNeurons(net, [[q("1")]]).map((d) => [d.layer, d.neuron, d.gd, d.flow])).toEqual([
      [2, 0, "forever", "forever"],
      [2, 1, "start", "start"],
    ]);
  });
});
