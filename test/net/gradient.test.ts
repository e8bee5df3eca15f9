import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { forward } from "../../src/net/forward.js";
import type { Activation } from "../../src/net/activation.js";
import { activationFunctions } from "../../src/net/activationFunctions.js";
import { lossAndGradient } from "../../src/net/lossAndGradient.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { zipNetworks } from "../../src/net/zipNetworks.js";
import { mapNetwork } from "../../src/net/mapNetwork.js";
import type { Dataset } from "../../src/net/readDataset.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { netAndData, rational } from "../helpers/arbitraries.js";
import { twoLayer } from "../helpers/twoLayer.js";
import { runs } from "../helpers/campaign.js";

const S = exact;

function flatten(net: LayeredNetwork<Rational>): Rational[] {
  const [first, second] = net.layers;
  return [...first!.W.flat(), ...(first!.b ?? []), ...second!.W.flat(), ...(second!.b ?? [])];
}

/**
 * The loss with every σ(z_{k,i}) replaced by s_{k,i}·z_{k,i}, the slopes s frozen at
 * the PyTorch convention of θ. This is an independent route to the same polynomial piece:
 * only forward arithmetic, no back-propagation.
 */
function frozenLoss(net: LayeredNetwork<Rational>, data: Dataset<Rational>, slopes: Rational[][]): Rational {
  const linear: Activation = { kind: "linear" };
  let total = S.zero;
  data.X.forEach((x, i) => {
    const { Z } = forward({ ...net, activation: linear }, [x], S);
    const h = Z[0]!.map((z, k) => S.mul(slopes[i]![k]!, z));
    net.layers[1]!.W.forEach((a, j) => {
      let f = net.layers[1]!.b ? net.layers[1]!.b[j]! : S.zero;
      for (const [k, v] of a.entries()) f = S.add(f, S.mul(v, h[k]!));
      const r = S.sub(f, data.Y[i]![j]!);
      total = S.add(total, S.mul(r, r));
    });
  });
  // mse is PyTorch's nn.MSELoss: the mean over all n·e elements
  return S.div(total, S.fromInt(data.X.length * net.layers[net.layers.length - 1]!.W.length));
}

/** d/dt p(t) at t = 0 for the polynomial of degree ≤ 4 through (t, p(t)), t = 0…4 (Lagrange, exact). */
function derivativeAtZero(values: Rational[]): Rational {
  // Weights of the exact first-derivative stencil at 0 on nodes 0..4: (-25, 48, -36, 16, -3)/12.
  const w = [-25, 48, -36, 16, -3].map((c) => S.fromRational(BigInt(c), 12n));
  return values.reduce((s, v, i) => S.add(s, S.mul(w[i]!, v)), S.zero);
}

describe("lossAndGradient", () => {
  it("should satisfy the rescaling identity ⟨∇_w L, w⟩ = ⟨∇_a L, a⟩ for every neuron, exactly (kinks included)", () => {
    fc.assert(
      fc.property(netAndData, ({ net, data }) => {
        const { grad } = lossAndGradient(net, data, S, "mse");
        net.layers[0]!.W.forEach((w, k) => {
          let lhs = S.zero;
          for (const [m, v] of w.entries()) lhs = S.add(lhs, S.mul(v, grad.layers[0]!.W[k]![m]!));
          if (net.layers[0]!.b) lhs = S.add(lhs, S.mul(net.layers[0]!.b[k]!, grad.layers[0]!.b![k]!));
          let rhs = S.zero;
          for (const [j, row] of net.layers[1]!.W.entries()) rhs = S.add(rhs, S.mul(row[k]!, grad.layers[1]!.W[j]![k]!));
          expect(S.toString(S.sub(lhs, rhs))).toBe("0");
        });
      }),
    );
  });

  it("should equal the directional derivative of the frozen-slope polynomial loss along any direction", () => {
    const arb = netAndData.chain((nd) =>
      fc.tuple(fc.constant(nd), fc.array(rational(), { minLength: flatten(nd.net).length, maxLength: flatten(nd.net).length })),
    );
    fc.assert(
      fc.property(arb, ([{ net, data }, dir]) => {
        const { slopeAt } = activationFunctions(net.activation, S);
        const slopes = forward(net, data.X, S).Z.map((row) => row.map(slopeAt));
        let idx = 0;
        const v = mapNetwork(net, () => dir[idx++]!);
        const values = [0, 1, 2, 3, 4].map((t) =>
          frozenLoss(
            zipNetworks(net, v, (p, q) => S.add(p, S.mul(S.fromInt(t), q))),
            data,
            slopes,
          ),
        );
        const { grad } = lossAndGradient(net, data, S, "mse");
        const g = flatten(grad);
        const directional = g.reduce((s, gi, i) => S.add(s, S.mul(gi, dir[i]!)), S.zero);
        expect(S.toString(directional)).toBe(S.toString(derivativeAtZero(values)));
      }),
    );
  });

  it("should follow PyTorch at a kink: relu' (0) = 0, leaky' (0) = slope, abs' (0) = 0", () => {
    // One neuron, x = 1, w = 0, a = 1, y = 1: z = 0; ∂L/∂w = 2(f − y)·a·σ'(0)·x = −2σ'(0).
    const data: Dataset<Rational> = { X: [[S.one]], Y: [[S.one]] };
    const gradW = (activation: Activation): string =>
      S.toString(lossAndGradient(twoLayer({ activation, W1: [[S.zero]], W2: [[S.one]] }), data, S, "mse").grad.layers[0]!.W[0]![0]!);
    expect(gradW({ kind: "relu" })).toBe("0");
    expect(gradW({ kind: "leaky_relu", slope: "1/10" })).toBe("-1/5");
    expect(gradW({ kind: "abs" })).toBe("0");
    expect(gradW({ kind: "linear" })).toBe("-2");
  });
});

describe("lossAndGradient with binary cross-entropy", () => {
  it("should match a central finite difference at 80 digits (h = 1e-25: truncation ~1e-50, rounding ~1e-55)", {
    tags: ["long"],
  }, async () => {
    const { decimal } = await import("../../src/scalar/decimal.js");
    const D = decimal(80);
    const arb = netAndData.chain((nd) =>
      fc.tuple(fc.constant(nd), fc.array(rational(), { minLength: flatten(nd.net).length, maxLength: flatten(nd.net).length })),
    );
    fc.assert(
      fc.property(arb, ([{ net, data }, dir]) => {
        const toD = (v: Rational) => D.fromRational(v.s * v.n, v.d);
        // targets in {0, 1}, as BCE expects
        const dnet = mapNetwork(net, toD);
        const ddata = { X: data.X.map((r) => r.map(toD)), Y: data.Y.map((r) => r.map((v) => (S.sign(v) > 0 ? D.one : D.zero))) };
        const h = D.parse("1e-25");
        let idx = 0;
        const v = mapNetwork(net, () => toD(dir[idx++]!));
        const at = (t: typeof h) =>
          lossAndGradient(
            zipNetworks(dnet, v, (p, q) => D.add(p, D.mul(t, q))),
            ddata,
            D,
            "bce",
          ).loss;
        // keep away from kinks, where the one-sided slopes differ
        const { Z } = forward(dnet, ddata.X, D);
        fc.pre(Z.flat().every((z) => z.abs().gt(D.parse("1e-10"))) || net.activation.kind === "linear");
        const fd = D.div(D.sub(at(h), at(D.neg(h))), D.mul(D.fromInt(2), h));
        const { grad } = lossAndGradient(dnet, ddata, D, "bce");
        const flatG = [
          ...grad.layers[0]!.W.flat(),
          ...(grad.layers[0]!.b ?? []),
          ...grad.layers[1]!.W.flat(),
          ...(grad.layers[1]!.b ?? []),
        ];
        const flatV = [...v.layers[0]!.W.flat(), ...(v.layers[0]!.b ?? []), ...v.layers[1]!.W.flat(), ...(v.layers[1]!.b ?? [])];
        const directional = flatG.reduce((s, g, i) => D.add(s, D.mul(g, flatV[i]!)), D.zero);
        expect(D.abs(D.sub(directional, fd)).lte(D.parse("1e-45"))).toBe(true);
      }),
      { numRuns: runs(40, 10) },
    );
  });
});
