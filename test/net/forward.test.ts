import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forward } from "../../src/net/forward.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { netAndData, positiveRational } from "../helpers/arbitraries.js";
import { twoLayer } from "../helpers/twoLayer.js";

const S = exact;
const sameOutputs = (a: Rational[][], b: Rational[][]): boolean => a.every((row, i) => row.every((v, j) => S.eq(v, b[i]![j]!)));

/** (w_k, b1[k], a_k) ↦ (λ w_k, λ b1[k], a_k / λ) for one neuron k. */
function rescale(net: LayeredNetwork<Rational>, k: number, lambda: Rational): LayeredNetwork<Rational> {
  return twoLayer({
    ...net,
    W1: net.layers[0]!.W.map((w, i) => (i === k ? w.map((v) => S.mul(lambda, v)) : w)),
    b1: net.layers[0]!.b?.map((v, i) => (i === k ? S.mul(lambda, v) : v)),
    W2: net.layers[1]!.W.map((row) => row.map((v, i) => (i === k ? S.div(v, lambda) : v))),
    b2: net.layers[1]!.b,
  });
}

/** Hidden neuron k of the result is neuron perm[k] of `net`. */
function permute(net: LayeredNetwork<Rational>, perm: number[]): LayeredNetwork<Rational> {
  return twoLayer({
    ...net,
    W1: perm.map((p) => net.layers[0]!.W[p]!),
    b1: net.layers[0]!.b && perm.map((p) => net.layers[0]!.b![p]!),
    W2: net.layers[1]!.W.map((row) => perm.map((p) => row[p]!)),
    b2: net.layers[1]!.b,
  });
}

describe("forward", () => {
  it("should compute f(x) = W2 σ(W1 x + b1) + b2 on a hand example", () => {
    // Arrange: z = (2·1 + 1/4·2 + 1/4, -1·1 + 1/2·2 - 3/2) = (11/4, -3/2)
    const net: LayeredNetwork<Rational> = twoLayer({
      activation: { kind: "relu" },
      W1: [
        ["2", "1/4"],
        ["-1", "1/2"],
      ].map((r) => r.map(S.parse)),
      b1: ["1/4", "-3/2"].map(S.parse),
      W2: [["1/2", "-3"]].map((r) => r.map(S.parse)),
      b2: [S.parse("1/3")],
    });
    // Act
    const { Z, F } = forward(net, [[S.parse("1"), S.parse("2")]], S);
    // Assert: f = 1/2·11/4 + 1/3 = 11/8 + 1/3 = 41/24
    expect(Z[0]!.map(S.toString)).toEqual(["11/4", "-3/2"]);
    expect(S.toString(F[0]![0]!)).toBe("41/24");
  });

  it("should leave f unchanged under per-neuron rescaling with λ > 0, exactly", () => {
    fc.assert(
      fc.property(netAndData, fc.nat(), positiveRational(), ({ net, data }, kRaw, lambda) => {
        const k = kRaw % net.layers[0]!.W.length;
        expect(sameOutputs(forward(rescale(net, k, lambda), data.X, S).F, forward(net, data.X, S).F)).toBe(true);
      }),
    );
  });

  it("should leave f unchanged under permutations of hidden neurons, exactly", () => {
    fc.assert(
      fc.property(
        netAndData.chain((nd) =>
          fc.tuple(fc.constant(nd), fc.shuffledSubarray([...nd.net.layers[0]!.W.keys()], { minLength: nd.net.layers[0]!.W.length })),
        ),
        ([{ net, data }, perm]) => {
          expect(sameOutputs(forward(permute(net, perm), data.X, S).F, forward(net, data.X, S).F)).toBe(true);
        },
      ),
    );
  });

  it("should change f under a negative rescaling of a relu neuron in general (λ > 0 matters)", () => {
    // One relu neuron, x = 1: f = a·relu(w) = 1; with λ = -1: f = -1·relu(-1) = 0.
    const net: LayeredNetwork<Rational> = twoLayer({ activation: { kind: "relu" }, W1: [[S.one]], W2: [[S.one]] });
    expect(S.toString(forward(rescale(net, 0, S.parse("-1")), [[S.one]], S).F[0]![0]!)).toBe("0");
  });
});
