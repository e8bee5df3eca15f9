import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { neuronInvariants } from "../../src/invariants/neuronInvariants.js";
import type { Activation } from "../../src/net/activation.js";
import { activationFunctions } from "../../src/net/activationFunctions.js";
import type { Dataset } from "../../src/net/readDataset.js";
import { lossAndGradient } from "../../src/net/lossAndGradient.js";
import { fixedInvariants } from "../../src/net/kernels/fixedInvariants.js";
import { fixedLayeredField } from "../../src/net/kernels/fixedLayeredField.js";
import { compileFixedLayeredNet, type FixedLayeredNet } from "../../src/net/kernels/fixedLayeredNet.js";
import { forward } from "../../src/net/forward.js";
import { layerInvariants } from "../../src/invariants/layerInvariants.js";
import { floatInvariants } from "../../src/net/kernels/floatInvariants.js";
import { floatKernel } from "../../src/net/kernels/floatKernel.js";
import { layeredTaylorStep, type RegionState } from "../../src/net/kernels/layeredTaylorSeries.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import type { LossKind } from "../../src/net/loss.js";
import { mapNetwork } from "../../src/net/mapNetwork.js";
import { packNetwork } from "../../src/net/packNetwork.js";
import { unpackLayers } from "../../src/net/unpackLayers.js";
import { layoutOf } from "../../src/net/layoutOf.js";
import { paramLayout } from "../../src/net/paramLayout.js";
import { outgoingSlots } from "../../src/net/outgoingSlots.js";
import { incomingSlots } from "../../src/net/incomingSlots.js";
import { decimal } from "../../src/scalar/decimal.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { fixed } from "../../src/scalar/fixedPoint.js";
import { float } from "../../src/scalar/float.js";
import { activation, denseLayers, rowsOf } from "../helpers/arbitraries.js";
import { runs } from "../helpers/campaign.js";

/**
 * The contract every fast path of the loss and gradient signs: on random
 * networks of two weight layers (every activation, with and without each bias, e = 1…3)
 * and data with points exactly on kinks, it gives the exact kernel's loss and
 * gradient — PyTorch's σ'(0) included — to its own precision.
 *
 * Parameters and data are small dyadic rationals (denominator ≤ 4), exactly
 * representable in fixed point and in float64: every kernel then sees the
 * same pre-activations, exactly 0 where the exact kernel's are, so a wrong
 * σ'(0) would show as an error of order 1, not of order 2^−P. The leaky slope
 * is any small rational (it only multiplies).
 */

const S = exact;
const P = 96;
const F = fixed(P);
const ULP = S.fromRational(1n, 1n << BigInt(P));

const dyadic = fc.tuple(fc.integer({ min: -8, max: 8 }), fc.constantFrom(1n, 2n, 4n)).map(([p, q]) => S.fromRational(BigInt(p), q));
const vec = (n: number): fc.Arbitrary<Rational[]> => fc.array(dyadic, { minLength: n, maxLength: n });
const mat = (r: number, c: number): fc.Arbitrary<Rational[][]> => fc.array(vec(c), { minLength: r, maxLength: r });

interface Case {
  net: LayeredNetwork<Rational>;
  data: Dataset<Rational>;
}

/** The two weight layers of a case. */
const first = (net: LayeredNetwork<Rational>) => net.layers[0]!;
const second = (net: LayeredNetwork<Rational>) => net.layers[1]!;

/** Puts point i exactly on the kink of neuron k: through the bias when there is one, else by a weight row orthogonal to x_i (or x_i = 0 when d = 1). */
function onKink(c: { W1: Rational[][]; b1: Rational[] | undefined; X: Rational[][] }, i: number, k: number): void {
  const x = c.X[i]!;
  const w = c.W1[k]!;
  if (c.b1) {
    let z = S.zero;
    for (const [m, v] of w.entries()) z = S.add(z, S.mul(v, x[m]!));
    c.b1[k] = S.neg(z);
  } else if (x.length >= 2) {
    w.fill(S.zero);
    w[0] = x[1]!;
    w[1] = S.neg(x[0]!);
  } else {
    c.X[i] = [S.zero];
  }
}

const twoLayerCase: fc.Arbitrary<Case> = fc
  .record({
    d: fc.integer({ min: 1, max: 3 }),
    l: fc.integer({ min: 1, max: 3 }),
    e: fc.integer({ min: 1, max: 3 }),
    n: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ d, l, e, n }) =>
    fc.record({
      activation,
      W1: mat(l, d),
      b1: fc.option(vec(l), { nil: undefined }),
      W2: mat(e, l),
      b2: fc.option(vec(e), { nil: undefined }),
      X: mat(n, d),
      Y: mat(n, e),
      kinks: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(l - 1)), { maxLength: 2 }),
    }),
  )
  .map((c) => {
    const b1 = c.b1 ? [...c.b1] : undefined;
    const shape = { W1: c.W1.map((r) => [...r]), b1, X: c.X.map((r) => [...r]) };
    for (const [i, k] of c.kinks) onKink(shape, i, k);
    return {
      net: {
        activation: c.activation,
        layers: [
          { W: shape.W1, b: shape.b1 },
          { W: c.W2, b: c.b2 },
        ],
      },
      data: { X: shape.X, Y: c.Y },
    };
  });

const text = (c: Case): { net: LayeredNetwork<string>; data: Dataset<string> } => ({
  net: mapNetwork(c.net, S.toString),
  data: { X: c.data.X.map((r) => r.map(S.toString)), Y: c.data.Y.map((r) => r.map(S.toString)) },
});

const maxAbs = (vs: readonly Rational[]): Rational => vs.reduce((m, v) => (S.cmp(S.abs(v), m) > 0 ? S.abs(v) : m), S.zero);

function slopeBound(act: Activation): Rational {
  return act.kind === "leaky_relu" ? S.abs(S.parse(act.slope)) : S.one;
}

/**
 * A bound T on every term of the loss and gradient: s̄ = max(1, |σ'|) times the
 * exact loss and gradient of the network with every entry replaced by its
 * absolute value (W2 by s̄·|W2|), linear σ and targets −|y|: each z, h, f, r and
 * δ of the real network is at most its counterpart there, so every product
 * and partial sum of the real kernels is at most T.
 */
function magnitude(c: Case): Rational {
  const { net, data } = c;
  const s = maxAbs([slopeBound(net.activation), S.one]);
  const big: LayeredNetwork<Rational> = {
    activation: { kind: "linear" },
    layers: [
      { W: first(net).W.map((r) => r.map(S.abs)), b: first(net).b?.map(S.abs) },
      { W: second(net).W.map((r) => r.map((v) => S.mul(s, S.abs(v)))), b: second(net).b?.map(S.abs) },
    ],
  };
  const out = lossAndGradient(big, { X: data.X.map((r) => r.map(S.abs)), Y: data.Y.map((r) => r.map((v) => S.neg(S.abs(v)))) }, S, "mse");
  return S.mul(s, S.add(S.one, maxAbs([out.loss, ...packNetwork(out.grad)])));
}

/**
 * Fixed-point tolerance: 2·(n + d + l + e) units of 2^−P, times T. Each shift
 * rounds once (≤ 2^−P) and the rounding is carried through at most T; the
 * largest error seen over many random cases is about 1.4·2^−P·T.
 */
function fixedTolerance(c: Case, T: Rational): Rational {
  const sizes = c.data.X.length + first(c.net).W[0]!.length + first(c.net).W.length + second(c.net).W.length;
  return S.mul(S.mul(ULP, S.fromInt(2 * sizes)), T);
}

const fromFixed = (v: bigint): Rational => S.fromRational(v, F.ONE);

function expectWithin(actual: Rational, expected: Rational, tol: Rational, what: string): void {
  const err = S.abs(S.sub(actual, expected));
  expect(
    S.cmp(err, tol) <= 0,
    `${what}: ${S.toString(actual)} vs ${S.toString(expected)} (error ${S.toNumber(err)}, tolerance ${S.toNumber(tol)})`,
  ).toBe(true);
}

function compile(c: Case, loss: LossKind = "mse"): { p: FixedLayeredNet; theta: bigint[] } {
  const t = text(c);
  const { net: p, theta0 } = compileFixedLayeredNet(t.net, t.data, F, loss);
  return { p, theta: theta0 };
}

/** The side of every (point, hidden neuron) from the exact pre-activations (the same signs as in fixed point: dyadic data). */
function exactSides(c: Case): number[][] {
  const hidden = forward(c.net, c.data.X, S).preActivations.slice(0, -1);
  return c.data.X.map((_, i) => hidden.flatMap((Z) => Z[i]!.map((z) => S.sign(z))));
}

describe("the kernel contract", () => {
  it("should give the exact gradient from the fixed-point field, to 2·(n+d+l+e)·T units of 2^−P, kinks included", () => {
    fc.assert(
      fc.property(twoLayerCase, (c) => {
        // Arrange
        const ref = lossAndGradient(c.net, c.data, S, "mse");
        const tol = fixedTolerance(c, magnitude(c));
        const { p, theta } = compile(c);
        // Act
        const { field } = fixedLayeredField(p, theta);
        // Assert: the field is −∇L, in the order of packNetwork.
        for (const [q, g] of packNetwork(ref.grad).entries()) expectWithin(fromFixed(field[q]!), S.neg(g), tol, `parameter ${q}`);
      }),
      { numRuns: 200 },
    );
  });

  it("should give the field as the Taylor series' first θ coefficient (order-0 gradient), bit for bit, with PyTorch's σ'(0) at kinks", () => {
    fc.assert(
      fc.property(twoLayerCase, (c) => {
        const { p, theta } = compile(c);
        const { field } = fixedLayeredField(p, theta);
        // No sliding: a pair on a kink keeps h = 0 and δ = σ'(0)·back, the exact kernel's convention.
        const state: RegionState = { side: exactSides(c), slidePoints: Array.from({ length: p.l }, () => []) };
        const series = layeredTaylorStep(p, theta, state, F.ONE, 1);
        expect(series.theta.map((s) => s[0])).toEqual(theta);
        expect(series.theta.map((s) => s[1])).toEqual(field);
      }),
      { numRuns: 200 },
    );
  });

  it("should give twice the Taylor series' second θ coefficient as the exact derivative of the field along the flow, off kinks", {
    tags: ["long"],
  }, () => {
    fc.assert(
      fc.property(twoLayerCase, (c) => {
        // Arrange: the exact field v = −∇L and the ε at which no pre-activation changes sign on [0, 3ε] (z is linear in ε).
        const ref = lossAndGradient(c.net, c.data, S, "mse");
        const theta = packNetwork(c.net);
        const v = packNetwork(ref.grad).map(S.neg);
        const L = layoutOf(c.net);
        const at = (eps: Rational): LayeredNetwork<Rational> =>
          unpackLayers(
            theta.map((t, q) => S.add(t, S.mul(eps, v[q]!))),
            L,
          );
        const signs = (net: LayeredNetwork<Rational>): number[] =>
          c.data.X.flatMap((x) => first(net).W.map((w, k) => S.sign(first(net).b ? S.add(dot(w, x), first(net).b![k]!) : dot(w, x))));
        const s0 = signs(c.net);
        fc.pre(s0.every((s) => s !== 0));
        let eps = S.one;
        for (let j = 0; j < 200 && !signs(at(S.mul(S.fromInt(3), eps))).every((s, q) => s === s0[q]); j++) eps = S.div(eps, S.fromInt(2));
        // The field along the line is a cubic in ε: its derivative at 0 from four equally spaced nodes is exact.
        const fields = [0, 1, 2, 3].map((j) =>
          packNetwork(lossAndGradient(at(S.mul(S.fromInt(j), eps)), c.data, S, "mse").grad).map(S.neg),
        );
        const w = [-11, 18, -9, 2].map((x) => S.div(S.fromInt(x), S.mul(S.fromInt(6), eps)));
        const derivative = v.map((_, q) => fields.reduce((s, f, j) => S.add(s, S.mul(w[j]!, f[q]!)), S.zero));
        const { p, theta: thetaFixed } = compile(c);
        const state: RegionState = { side: exactSides(c), slidePoints: Array.from({ length: p.l }, () => []) };
        const T = magnitude(c);
        // θ_2 carries the rounding of θ_1 through the Hessian: the same multiple of 2^−P, times T².
        const tol = S.mul(fixedTolerance(c, T), T);
        // Act
        const series = layeredTaylorStep(p, thetaFixed, state, F.ONE, 2);
        // Assert
        for (const [q, dq] of derivative.entries())
          expectWithin(S.mul(S.fromInt(2), fromFixed(series.theta[q]![2]!)), dq, tol, `parameter ${q}`);
      }),
      { numRuns: runs(60, 15) },
    );
  });

  it("should give the exact loss and gradient from the float kernels (generic and WebAssembly, gradients bit for bit alike) to 1e-12·T, kinks included", {
    tags: ["long"],
  }, () => {
    fc.assert(
      fc.property(twoLayerCase, (c) => {
        // Arrange
        const ref = lossAndGradient(c.net, c.data, S, "mse");
        const tol = S.mul(S.parse("1e-12"), magnitude(c));
        const net = mapNetwork(c.net, S.toNumber);
        const X = c.data.X.map((r) => r.map(S.toNumber));
        const Y = c.data.Y.map((r) => r.map(S.toNumber));
        const L = layoutOf(net);
        // Act
        const generic = lossAndGradient(net, { X, Y }, float, "mse");
        const { loss: value, grad } = floatKernel(L, "mse", { X, Y }).lossAndGradient(packNetwork(net));
        // Assert
        const exactGrad = packNetwork(ref.grad);
        const genericGrad = packNetwork(generic.grad);
        expectWithin(S.parse(String(generic.loss)), ref.loss, tol, "generic loss");
        expectWithin(S.parse(String(value)), ref.loss, tol, "WebAssembly loss");
        exactGrad.forEach((g, q) => {
          // The WebAssembly kernel sums in the generic kernel's order: the same double (up to the sign of a zero).
          expect(grad[q]! === genericGrad[q]!, `parameter ${q}: ${grad[q]} vs ${genericGrad[q]}`).toBe(true);
          expectWithin(S.parse(String(genericGrad[q]!)), g, tol, `generic parameter ${q}`);
          expectWithin(S.parse(String(grad[q]!)), g, tol, `WebAssembly parameter ${q}`);
        });
      }),
      { numRuns: runs(200, 50) },
    );
  });

  it("should give the 60-digit loss and gradient of binary cross-entropy from the fixed-point field and the float kernels", {
    tags: ["long"],
  }, () => {
    const D = decimal(60);
    fc.assert(
      fc.property(twoLayerCase, (c) => {
        const Y = c.data.Y.map((r) => r.map((y) => (S.sign(y) > 0 ? S.one : S.zero)));
        const cb: Case = { net: c.net, data: { X: c.data.X, Y } };
        const T = magnitude(cb);
        const netD = mapNetwork(cb.net, (v) => D.parse(S.toString(v)));
        const ref = lossAndGradient(
          netD,
          { X: cb.data.X.map((r) => r.map((v) => D.parse(S.toString(v)))), Y: Y.map((r) => r.map((v) => D.parse(S.toString(v)))) },
          D,
          "bce",
        );
        const refGrad = packNetwork(ref.grad).map((g) => S.parse(D.toString(g)));
        // Fixed point: the logistic function is evaluated at P bits, so the same tolerance holds.
        const { p, theta } = compile(cb, "bce");
        const { field } = fixedLayeredField(p, theta);
        const tolFixed = S.add(fixedTolerance(cb, T), S.parse("1e-50"));
        for (const [q, g] of refGrad.entries()) expectWithin(fromFixed(field[q]!), S.neg(g), tolFixed, `fixed parameter ${q}`);
        // Float, WebAssembly.
        const net = mapNetwork(cb.net, S.toNumber);
        const L = layoutOf(net);
        const Xf = cb.data.X.map((r) => r.map(S.toNumber));
        const { loss: value, grad } = floatKernel(L, "bce", { X: Xf, Y: Y.map((r) => r.map(S.toNumber)) }).lossAndGradient(
          packNetwork(net),
        );
        const tolFloat = S.mul(S.parse("1e-12"), T);
        expectWithin(S.parse(String(value)), S.parse(D.toString(ref.loss)), tolFloat, "WebAssembly loss");
        for (const [q, g] of refGrad.entries()) expectWithin(S.parse(String(grad[q]!)), g, tolFloat, `WebAssembly parameter ${q}`);
      }),
      { numRuns: runs(60, 15) },
    );
  });

  it("should use PyTorch's σ'(0) at a kink in every kernel: ∂L/∂W1 = −2σ'(0) for z = 0, back = −2", () => {
    // W1 = [[1]], b1 = [−1], W2 = [[1]], x = 1, y = 1: z = 0, h = 0, f = 0, r = 2(f − y) = −2, back = −2.
    const cases: Array<[Activation, string]> = [
      [{ kind: "relu" }, "0"],
      [{ kind: "leaky_relu", slope: "1/2" }, "-1"],
      [{ kind: "abs" }, "0"],
      [{ kind: "linear" }, "-2"],
    ];
    for (const [act, expected] of cases) {
      const c: Case = {
        net: { activation: act, layers: [{ W: [[S.one]], b: [S.neg(S.one)] }, { W: [[S.one]] }] },
        data: { X: [[S.one]], Y: [[S.one]] },
      };
      expect(S.toString(lossAndGradient(c.net, c.data, S, "mse").grad.layers[0]!.W[0]![0]!)).toBe(expected);
      const { p, theta } = compile(c);
      expect(S.toString(S.neg(fromFixed(fixedLayeredField(p, theta).field[0]!)))).toBe(expected);
      const { grad } = floatKernel(layoutOf(c.net), "mse", { X: [[1]], Y: [[1]] }).lossAndGradient([1, -1, 1]);
      expect(grad[0]).toBe(S.toNumber(S.parse(expected)));
    }
  });

  it("should compute c_k in fixed point and in float exactly as neuronInvariants (dyadic parameters: no rounding)", () => {
    fc.assert(
      fc.property(twoLayerCase, (c) => {
        const c0 = neuronInvariants(c.net, S);
        const { p, theta } = compile(c);
        expect(fixedInvariants(p, theta).map(fromFixed).map(S.toString)).toEqual(c0.map(S.toString));
        const net = mapNetwork(c.net, S.toNumber);
        expect(Array.from(floatInvariants(Float64Array.from(packNetwork(net)), layoutOf(net)))).toEqual(c0.map(S.toNumber));
      }),
    );
  });
});

function dot(a: readonly Rational[], b: readonly Rational[]): Rational {
  let s = S.zero;
  for (const [m, v] of a.entries()) s = S.add(s, S.mul(v, b[m]!));
  return s;
}

// ---------------------------------------------------------------------------
// Depth ≥ 3: the exact kernel against independent oracles.

interface DeepCase {
  net: LayeredNetwork<Rational>;
  data: Dataset<Rational>;
  direction: Rational[];
}

const small = fc
  .tuple(fc.integer({ min: -6, max: 6 }), fc.integer({ min: 1, max: 4 }))
  .map(([p, q]) => S.fromRational(BigInt(p), BigInt(q)));

const deepCase: fc.Arbitrary<DeepCase> = fc
  .record({
    widths: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 4, maxLength: 5 }),
    n: fc.integer({ min: 1, max: 3 }),
  })
  .chain(({ widths, n }) =>
    fc.record({
      activation,
      layers: denseLayers(widths, small),
      X: rowsOf(n, widths[0]!, small),
      Y: rowsOf(n, widths.at(-1)!, small),
      // Zero inputs put whole layers on their kinks (with no bias), to exercise σ'(0) deep in the net.
      zeroPoint: fc.boolean(),
    }),
  )
  .chain(({ activation: act, layers, X, Y, zeroPoint }) => {
    const net: LayeredNetwork<Rational> = { activation: act, layers };
    const data = { X: zeroPoint ? [X[0]!.map(() => S.zero), ...X.slice(1)] : X, Y };
    const size = layoutOf(net).size;
    return fc.array(small, { minLength: size, maxLength: size }).map((direction) => ({ net, data, direction }));
  });

/**
 * L_s(θ): the loss with σ(z) replaced by s·z, the slope s of every (layer, point,
 * neuron) frozen at σ'(z) of the network `pattern` (PyTorch's value at 0). A
 * polynomial in θ of degree 2·depth, equal to L near `pattern` with the same
 * gradient there — computed by forward arithmetic only.
 */
function frozenLoss(net: LayeredNetwork<Rational>, pattern: LayeredNetwork<Rational>, data: Dataset<Rational>): Rational {
  const { slopeAt } = activationFunctions(net.activation, S);
  let total = S.zero;
  data.X.forEach((x, i) => {
    let a: Rational[] = [...x];
    let aPattern: Rational[] = [...x];
    net.layers.forEach((layer, l) => {
      const pre = (L: typeof layer, input: Rational[]): Rational[] =>
        L.W.map((w, r) => (L.b ? S.add(dot(w, input), L.b[r]!) : dot(w, input)));
      const z = pre(layer, a);
      const zPattern = pre(pattern.layers[l]!, aPattern);
      if (l === net.layers.length - 1) {
        for (const [j, f] of z.entries()) total = S.add(total, S.mul(S.sub(f, data.Y[i]![j]!), S.sub(f, data.Y[i]![j]!)));
        return;
      }
      const slopes = zPattern.map(slopeAt);
      a = z.map((v, k) => S.mul(slopes[k]!, v));
      aPattern = zPattern.map((v, k) => S.mul(slopes[k]!, v));
    });
  });
  // mse is PyTorch's nn.MSELoss: the mean over all n·e elements
  return S.div(total, S.fromInt(data.X.length * net.layers[net.layers.length - 1]!.W.length));
}

/** p'(0) for the polynomial through (t_j, values[j]), t_j = j: the derivative of the Lagrange interpolant, exactly. */
function lagrangeDerivativeAtZero(values: Rational[]): Rational {
  const nodes = values.map((_, j) => S.fromInt(j));
  let out = S.zero;
  values.forEach((v, j) => {
    let den = S.one;
    for (const [m, t] of nodes.entries()) if (m !== j) den = S.mul(den, S.sub(nodes[j]!, t));
    // ℓ_j'(0) = Σ_{m≠j} Π_{m'≠j,m} (0 − t_m') / den
    let num = S.zero;
    nodes.forEach((_, m) => {
      if (m === j) return;
      let prod = S.one;
      for (const [m2, t] of nodes.entries()) if (m2 !== j && m2 !== m) prod = S.mul(prod, S.neg(t));
      num = S.add(num, prod);
    });
    out = S.add(out, S.mul(v, S.div(num, den)));
  });
  return out;
}

describe("lossAndGradient at depth ≥ 3", () => {
  it("should give ⟨∇L, v⟩ as the exact derivative of the frozen-pattern loss along v, recovered from 2·depth + 1 points (kinks included)", {
    tags: ["long"],
  }, () => {
    fc.assert(
      fc.property(deepCase, ({ net, data, direction }) => {
        // Arrange
        const L = layoutOf(net);
        const theta = packNetwork(net);
        const along = (t: Rational): LayeredNetwork<Rational> =>
          unpackLayers(
            theta.map((x, q) => S.add(x, S.mul(t, direction[q]!))),
            L,
          );
        const values = Array.from({ length: 2 * L.depth + 1 }, (_, j) => frozenLoss(along(S.fromInt(j)), net, data));
        // Act
        const { loss, grad } = lossAndGradient(net, data, S, "mse");
        // Assert
        expect(S.toString(loss)).toBe(S.toString(values[0]!));
        const directional = dot(packNetwork(grad), direction);
        expect(S.toString(directional)).toBe(S.toString(lagrangeDerivativeAtZero(values)));
      }),
      { numRuns: runs(120, 30) },
    );
  });

  it("should satisfy the rescaling identity ⟨∇_{w_in} L, w_in⟩ = ⟨∇_{w_out} L, w_out⟩ for every hidden neuron of every layer, exactly", () => {
    fc.assert(
      fc.property(deepCase, ({ net, data }) => {
        const L = layoutOf(net);
        const theta = packNetwork(net);
        const g = packNetwork(lossAndGradient(net, data, S, "mse").grad);
        const pair = (slots: number[]): Rational => slots.reduce((s, q) => S.add(s, S.mul(theta[q]!, g[q]!)), S.zero);
        for (let layer = 1; layer < L.depth; layer++)
          for (let k = 0; k < L.widths[layer]!; k++)
            expect(S.toString(S.sub(pair(incomingSlots(L, layer, k)), pair(outgoingSlots(L, layer, k))))).toBe("0");
      }),
      { numRuns: 120 },
    );
  });

  it("should compute floatInvariants on a deep layout as neuronInvariants does, layer by layer, in float bit for bit", () => {
    fc.assert(
      fc.property(deepCase, ({ net }) => {
        const c = neuronInvariants(net, S).map(S.toNumber);
        const netF: LayeredNetwork<number> = {
          activation: net.activation,
          layers: net.layers.map(({ W, b }) => ({ W: W.map((r) => r.map(S.toNumber)), b: b?.map(S.toNumber) })),
        };
        const ours = Array.from(floatInvariants(Float64Array.from(packNetwork(netF)), layoutOf(netF)));
        for (const [k, v] of ours.entries()) expect(Math.abs(v - c[k]!)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(c[k]!)));
        expect(ours.length).toBe(c.length);
        // and with neuronInvariants' roundings in float, bit for bit (gradient descent records either)
        const jittered = mapNetwork(netF, (v) => v * (1 + 2 ** -30) + 2 ** -40);
        expect(Array.from(floatInvariants(packNetwork(jittered), layoutOf(jittered)))).toEqual(neuronInvariants(jittered, float));
      }),
    );
  });
});

// ---------------------------------------------------------------------------
// Depth ≥ 3 in fixed point: fixedLayeredField against the exact kernel.

/** Activations whose slopes are dyadic, so that every h = s·z is exact in fixed point and kinks deep in the net stay at z = 0 exactly. */
const dyadicActivation: fc.Arbitrary<Activation> = fc.oneof(
  fc.constant<Activation>({ kind: "relu" }),
  fc.constant<Activation>({ kind: "abs" }),
  fc.constant<Activation>({ kind: "linear" }),
  fc.constantFrom("-1/2", "1/4", "1/8", "3/4", "-1/4").map((slope): Activation => ({ kind: "leaky_relu", slope })),
);

interface DyadicDeepCase {
  net: LayeredNetwork<Rational>;
  data: Dataset<Rational>;
}

/**
 * Networks of depth 3 or 4 (widths 1…3, each bias present or not), dyadic parameters and data,
 * with up to three (layer, point, neuron) placed exactly on their kink: through the layer's bias
 * when it has one (b = −W·a of the exact forward pass), and a zero data point, which puts every
 * layer on its kinks when no bias moves it off.
 */
const dyadicDeepCase: fc.Arbitrary<DyadicDeepCase> = fc
  .record({
    widths: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 4, maxLength: 5 }),
    n: fc.integer({ min: 1, max: 3 }),
  })
  .chain(({ widths, n }) =>
    fc.record({
      activation: dyadicActivation,
      layers: denseLayers(widths, dyadic),
      X: mat(n, widths[0]!),
      Y: mat(n, widths.at(-1)!),
      zeroPoint: fc.boolean(),
      kinks: fc.array(fc.tuple(fc.nat(widths.length - 3), fc.nat(n - 1), fc.nat(2)), { maxLength: 3 }),
    }),
  )
  .map(({ activation: act, layers, X, Y, zeroPoint, kinks }) => {
    const data = { X: zeroPoint ? [X[0]!.map(() => S.zero), ...X.slice(1)] : X, Y };
    const mutable = layers.map(({ W, b }) => ({ W: W.map((r) => [...r]), b: b ? [...b] : undefined }));
    const net: LayeredNetwork<Rational> = { activation: act, layers: mutable };
    for (const [l, i, k0] of [...kinks].sort((a, b) => a[0] - b[0])) {
      const layer = mutable[l]!;
      if (!layer.b) continue;
      const k = k0 % layer.W.length;
      const a = forward(net, data.X, S).inputs[l]![i]!;
      layer.b[k] = S.neg(dot(layer.W[k]!, [...a]));
    }
    return { net, data };
  });

/** The bound T of `magnitude` for a layered net: every layer after the first scaled by s̄, all entries by their absolute value, linear σ, targets −|y|. */
function deepMagnitude(c: DyadicDeepCase): Rational {
  const s = maxAbs([slopeBound(c.net.activation), S.one]);
  const big: LayeredNetwork<Rational> = {
    activation: { kind: "linear" },
    layers: c.net.layers.map(({ W, b }, l) => ({
      W: W.map((r) => r.map((v) => (l === 0 ? S.abs(v) : S.mul(s, S.abs(v))))),
      b: b?.map(S.abs),
    })),
  };
  const out = lossAndGradient(
    big,
    { X: c.data.X.map((r) => r.map(S.abs)), Y: c.data.Y.map((r) => r.map((v) => S.neg(S.abs(v)))) },
    S,
    "mse",
  );
  return S.mul(s, S.add(S.one, maxAbs([out.loss, ...packNetwork(out.grad)])));
}

function compileDeep(c: DyadicDeepCase, loss: LossKind = "mse") {
  const net = {
    activation: c.net.activation,
    layers: c.net.layers.map(({ W, b }) => ({ W: W.map((r) => r.map(S.toString)), b: b?.map(S.toString) })),
  };
  const data = { X: c.data.X.map((r) => r.map(S.toString)), Y: c.data.Y.map((r) => r.map(S.toString)) };
  const { net: p, theta0 } = compileFixedLayeredNet(net, data, F, loss);
  return { p, theta: theta0 };
}

describe("fixedLayeredField (the kernel contract at depth ≥ 3)", () => {
  it("should give the exact gradient at depth 3–4, every activation, with and without biases, points on kinks, to 2·depth·(n + Σ widths)·T units of 2^−P", () => {
    fc.assert(
      fc.property(dyadicDeepCase, (c) => {
        // Arrange
        const ref = lossAndGradient(c.net, c.data, S, "mse");
        const L = layoutOf(c.net);
        const sizes = c.data.X.length + L.widths.reduce((a, b) => a + b, 0);
        const tol = S.mul(S.mul(ULP, S.fromInt(2 * L.depth * sizes)), deepMagnitude(c));
        const { p, theta } = compileDeep(c);
        // Act
        const { field } = fixedLayeredField(p, theta);
        // Assert: the field is −∇L, in the order of packNetwork.
        for (const [q, g] of packNetwork(ref.grad).entries()) expectWithin(fromFixed(field[q]!), S.neg(g), tol, `parameter ${q}`);
      }),
      { numRuns: 200 },
    );
  });

  it("should use PyTorch's σ'(0) on kinks in two layers at once: ∂L/∂b1 = 24·σ'(0)² for z1 = z2 = 0", () => {
    fc.assert(
      fc.property(dyadicActivation, (act) => {
        // Arrange: x = 0 and b1 = 0 put z1 on its kink, h1 = 0 puts z2 on its kink; f = b3 = 1, y = −1.
        const net: LayeredNetwork<Rational> = {
          activation: act,
          layers: [{ W: [[S.one]], b: [S.zero] }, { W: [[S.fromInt(2)]] }, { W: [[S.fromInt(3)]], b: [S.one] }],
        };
        const data = { X: [[S.zero]], Y: [[S.fromInt(-1)]] };
        const ref = lossAndGradient(net, data, S, "mse");
        const { p, theta } = compileDeep({ net, data });
        const s0 = activationFunctions(act, S).slopeAt(S.zero);
        // Act
        const { field } = fixedLayeredField(p, theta);
        // Assert: r = 2(f − y) = 4, δ2 = 3·4·σ'(0), δ1 = 2·δ2·σ'(0); θ = (W1, b1, W2, W3, b3).
        expect(S.toString(fromFixed(field[1]!))).toBe(S.toString(S.neg(S.mul(S.fromInt(24), S.mul(s0, s0)))));
        expect(field.map(fromFixed).map(S.toString)).toEqual(packNetwork(ref.grad).map((g) => S.toString(S.neg(g))));
      }),
    );
  });

  it("should give the field as the layered Taylor series' first θ coefficient, bit for bit, at depth 3–4 with kinks", () => {
    fc.assert(
      fc.property(dyadicDeepCase, (c) => {
        // Arrange: the pattern from the exact pre-activations; a pair on its kink keeps h = 0 and δ = σ'(0)·back
        const { p, theta } = compileDeep(c);
        const hidden = forward(c.net, c.data.X, S).preActivations.slice(0, -1);
        const state: RegionState = {
          side: c.data.X.map((_, i) => hidden.flatMap((Z) => Z[i]!.map((z) => S.sign(z)))),
          slidePoints: Array.from({ length: p.l }, () => []),
        };
        // Act
        const { field } = fixedLayeredField(p, theta);
        const series = layeredTaylorStep(p, theta, state, F.ONE, 1);
        // Assert
        expect(series.theta.map((t) => t[0])).toEqual(theta);
        expect(series.theta.map((t) => t[1])).toEqual(field);
      }),
      { numRuns: 200 },
    );
  });

  it("should give the exact loss and gradient from the float kernel at depth 3–4, bit for bit the generic float kernel's, to 1e-12·T, kinks included", {
    tags: ["long"],
  }, () => {
    fc.assert(
      fc.property(dyadicDeepCase, (c) => {
        // Arrange
        const ref = lossAndGradient(c.net, c.data, S, "mse");
        const tol = S.mul(S.parse("1e-12"), deepMagnitude(c));
        const L = layoutOf(c.net);
        const theta = packNetwork(c.net).map(S.toNumber);
        const X = c.data.X.map((r) => r.map(S.toNumber));
        const Y = c.data.Y.map((r) => r.map(S.toNumber));
        // Act
        const generic = packNetwork(lossAndGradient(unpackLayers(theta, L), { X, Y }, float, "mse").grad);
        const { loss, grad } = floatKernel(L, "mse", { X, Y }).lossAndGradient(theta);
        // Assert
        expectWithin(S.parse(String(loss)), ref.loss, tol, "WebAssembly loss");
        packNetwork(ref.grad).forEach((g, q) => {
          expect(grad[q]! === generic[q]!, `parameter ${q}: ${grad[q]} vs ${generic[q]}`).toBe(true);
          expectWithin(S.parse(String(grad[q]!)), g, tol, `WebAssembly parameter ${q}`);
        });
      }),
      { numRuns: runs(200, 50) },
    );
  });

  it("should use PyTorch's σ'(0) in the float kernel on kinks in two layers at once: ∂L/∂b1 = −2·σ'(0)²", () => {
    // θ = (W1, b1, W2, b2, W3) = (1, −1, 1, 0, 1), x = 1, y = 1: z1 = 0, h1 = 0, z2 = 0, h2 = 0, f = 0,
    // δ_out = 2(f − y) = −2, δ2 = −2σ'(0), δ1 = −2σ'(0)²; ∂L/∂b1 = δ1.
    const zeroFree = (v: number): number => v + 0;
    for (const act of [{ kind: "relu" }, { kind: "leaky_relu", slope: "1/2" }, { kind: "abs" }, { kind: "linear" }] as const) {
      const L = paramLayout([1, 1, 1, 1], [true, true, false], act);
      const theta = [1, -1, 1, 0, 1];
      const exactGrad = packNetwork(
        lossAndGradient(unpackLayers(theta.map(S.fromInt), L), { X: [[S.one]], Y: [[S.one]] }, S, "mse").grad,
      ).map(S.toNumber);
      const s0 = S.toNumber(activationFunctions(act, S).slopeAt(S.zero));
      expect(zeroFree(exactGrad[1]!)).toBe(zeroFree(-2 * s0 * s0));
      expect(
        floatKernel(L, "mse", { X: [[1]], Y: [[1]] })
          .lossAndGradient(theta)
          .grad.map(zeroFree),
      ).toEqual(exactGrad.map(zeroFree));
    }
  });

  it("should give the 60-digit loss and gradient of binary cross-entropy from the float kernel at depth 3–4", { tags: ["long"] }, () => {
    const D = decimal(60);
    fc.assert(
      fc.property(dyadicDeepCase, (c0) => {
        const Y = c0.data.Y.map((r) => r.map((y) => (S.sign(y) > 0 ? S.one : S.zero)));
        const c: DyadicDeepCase = { net: c0.net, data: { X: c0.data.X, Y } };
        const toD = (v: Rational) => D.parse(S.toString(v));
        const netD = {
          activation: c.net.activation,
          layers: c.net.layers.map(({ W, b }) => ({ W: W.map((r) => r.map(toD)), b: b?.map(toD) })),
        };
        const ref = lossAndGradient(netD, { X: c.data.X.map((r) => r.map(toD)), Y: Y.map((r) => r.map(toD)) }, D, "bce");
        const tol = S.mul(S.parse("1e-12"), deepMagnitude(c));
        const { loss, grad } = floatKernel(layoutOf(c.net), "bce", {
          X: c.data.X.map((r) => r.map(S.toNumber)),
          Y: Y.map((r) => r.map(S.toNumber)),
        }).lossAndGradient(packNetwork(c.net).map(S.toNumber));
        expectWithin(S.parse(String(loss)), S.parse(D.toString(ref.loss)), tol, "WebAssembly loss");
        for (const [q, g] of packNetwork(ref.grad).entries())
          expectWithin(S.parse(String(grad[q]!)), S.parse(D.toString(g)), tol, `parameter ${q}`);
      }),
      { numRuns: runs(60, 15) },
    );
  });

  it("should give the 60-digit gradient of binary cross-entropy at depth 3–4", { tags: ["long"] }, () => {
    const D = decimal(60);
    fc.assert(
      fc.property(dyadicDeepCase, (c0) => {
        const Y = c0.data.Y.map((r) => r.map((y) => (S.sign(y) > 0 ? S.one : S.zero)));
        const c: DyadicDeepCase = { net: c0.net, data: { X: c0.data.X, Y } };
        const toD = (v: Rational) => D.parse(S.toString(v));
        const netD = {
          activation: c.net.activation,
          layers: c.net.layers.map(({ W, b }) => ({ W: W.map((r) => r.map(toD)), b: b?.map(toD) })),
        };
        const ref = lossAndGradient(netD, { X: c.data.X.map((r) => r.map(toD)), Y: Y.map((r) => r.map(toD)) }, D, "bce");
        const L = layoutOf(c.net);
        const sizes = c.data.X.length + L.widths.reduce((a, b) => a + b, 0);
        const tol = S.add(S.mul(S.mul(ULP, S.fromInt(2 * L.depth * sizes)), deepMagnitude(c)), S.parse("1e-50"));
        const { p, theta } = compileDeep(c, "bce");
        const { field } = fixedLayeredField(p, theta);
        for (const [q, g] of packNetwork(ref.grad).entries())
          expectWithin(fromFixed(field[q]!), S.neg(S.parse(D.toString(g))), tol, `parameter ${q}`);
      }),
      { numRuns: runs(60, 15) },
    );
  });

  it("should compute every c_{l,k} in fixed point exactly as layerInvariants (dyadic parameters: no rounding)", () => {
    fc.assert(
      fc.property(dyadicDeepCase, (c) => {
        const { p, theta } = compileDeep(c);
        expect(fixedInvariants(p, theta).map(fromFixed).map(S.toString)).toEqual(layerInvariants(c.net, S).flat().map(S.toString));
      }),
    );
  });
});
