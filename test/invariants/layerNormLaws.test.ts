import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { layerInvariants } from "../../src/invariants/layerInvariants.js";
import { layerNormLaws } from "../../src/invariants/layerNormLaws.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { decimal } from "../../src/scalar/decimal.js";

// An independent high-precision model of Linear(D, N) -> LayerNorm(N) -> ReLU -> Linear(N, M) with a mean
// squared error, written here from the definitions; its gradient by central differences (h = 1e-40 at
// 140 digits: truncation h² ≈ 1e-80, rounding 1e-140 / h = 1e-100), so nothing in it comes from relutopo.
const Dx = Decimal.clone({ precision: 140 });
const S = decimal(140);
const D = 2;
const N = 3;
const M = 2;
const ROWS = 3;
const H = new Dx("1e-40");
const TOL = new Dx("1e-40");

interface Params {
  W1: Decimal[][];
  b1: Decimal[];
  gamma: Decimal[];
  beta: Decimal[];
  W2: Decimal[][];
  b2: Decimal[];
}

const SIZE = N * D + N + N + N + M * N + M;

function unpack(t: readonly Decimal[]): Params {
  let k = 0;
  const take = (n: number): Decimal[] => {
    k += n;
    return t.slice(k - n, k);
  };
  const W1 = Array.from({ length: N }, () => take(D));
  const b1 = take(N);
  const gamma = take(N);
  const beta = take(N);
  const W2 = Array.from({ length: M }, () => take(N));
  return { W1, b1, gamma, beta, W2, b2: take(M) };
}

const sum = (xs: readonly Decimal[]): Decimal => xs.reduce((a, b) => a.plus(b), new Dx(0));

/** Per sample: the LN input z, its normalised ẑ, its variance v and the ReLU input y. */
function layerNormPass(p: Params, x: readonly Decimal[], eps: Decimal) {
  const z = p.W1.map((row, j) => sum(row.map((w, c) => w.times(x[c]!))).plus(p.b1[j]!));
  const mu = sum(z).div(N);
  const v = sum(z.map((zj) => zj.minus(mu).pow(2))).div(N);
  const s = v.plus(eps).sqrt();
  const zhat = z.map((zj) => zj.minus(mu).div(s));
  const y = zhat.map((h, j) => p.gamma[j]!.times(h).plus(p.beta[j]!));
  return { z, zhat, v, y };
}

function lossOf(t: readonly Decimal[], X: Decimal[][], Y: Decimal[][], eps: Decimal): Decimal {
  const p = unpack(t);
  let total = new Dx(0);
  for (const [r, x] of X.entries()) {
    const a = layerNormPass(p, x, eps).y.map((y) => Decimal.max(y, 0));
    for (let i = 0; i < M; i++)
      total = total.plus(
        sum(p.W2[i]!.map((w, j) => w.times(a[j]!)))
          .plus(p.b2[i]!)
          .minus(Y[r]![i]!)
          .pow(2),
      );
  }
  return total.div(ROWS);
}

function gradientOf(t: readonly Decimal[], X: Decimal[][], Y: Decimal[][], eps: Decimal): Decimal[] {
  return t.map((_, k) => {
    const up = t.map((v, i) => (i === k ? v.plus(H) : v));
    const down = t.map((v, i) => (i === k ? v.minus(H) : v));
    return lossOf(up, X, Y, eps)
      .minus(lossOf(down, X, Y, eps))
      .div(H.times(2));
  });
}

function networkOf(p: Params, eps: Decimal): LayeredNetwork<Decimal> {
  return {
    activation: { kind: "relu" },
    layers: [
      { W: p.W1, b: p.b1, norm: { kind: "layer", gamma: p.gamma, beta: p.beta, eps } },
      { W: p.W2, b: p.b2 },
    ],
  };
}

const value = fc.integer({ min: -40, max: 40 }).map((n) => new Dx(n).div(16));
const problem = fc.record({
  theta: fc.array(value, { minLength: SIZE, maxLength: SIZE }),
  X: fc.array(fc.array(value, { minLength: D, maxLength: D }), { minLength: ROWS, maxLength: ROWS }),
  Y: fc.array(fc.array(value, { minLength: M, maxLength: M }), { minLength: ROWS, maxLength: ROWS }),
  eps: fc.constantFrom("0", "1e-5", "0.125"),
});

/** Whether the central differences see a smooth loss: every sample's LN variance and ReLU input away from 0. */
function smooth(t: readonly Decimal[], X: Decimal[][], eps: Decimal): boolean {
  const p = unpack(t);
  return X.every((x) => {
    const pass = layerNormPass(p, x, eps);
    return pass.v.gt("1e-6") && pass.y.every((y) => y.abs().gt("1e-6"));
  });
}

const small = (v: Decimal): boolean => v.abs().lt(TOL);

describe("layerNormLaws against an independent LayerNorm network (decimal, 140 digits)", () => {
  it("should hold the shift laws for any ε and the scale law with its ε-correction, and its drift over one step equals the prediction", () => {
    fc.assert(
      fc.property(problem, ({ theta, X, Y, eps: epsText }) => {
        const eps = new Dx(epsText);
        fc.pre(smooth(theta, X, eps));
        const g = gradientOf(theta, X, Y, eps);
        const p = unpack(theta);
        const q = unpack(g);
        // shift: Σ_j ∂L/∂b_j = 0 and every column of ∂L/∂W sums to 0 over the units
        expect(small(sum(q.b1))).toBe(true);
        for (let c = 0; c < D; c++) expect(small(sum(q.W1.map((row) => row[c]!)))).toBe(true);
        // scale: ⟨∂L/∂W, W⟩ + ⟨∂L/∂b, b⟩ = Σ_s ε/(v_s + ε) Σ_j γ_j δ_{s,j} ẑ_{s,j}, δ = ∂L/∂y (0 at ε = 0)
        const inner = sum(p.W1.flatMap((row, j) => row.map((w, c) => w.times(q.W1[j]![c]!)))).plus(
          sum(p.b1.map((b, j) => b.times(q.b1[j]!))),
        );
        let corrected = new Dx(0);
        for (const [r, x] of X.entries()) {
          const { zhat, v, y } = layerNormPass(p, x, eps);
          const a = y.map((u) => Decimal.max(u, 0));
          const residual = p.W2.map((row, i) =>
            sum(row.map((w, j) => w.times(a[j]!)))
              .plus(p.b2[i]!)
              .minus(Y[r]![i]!),
          );
          const delta = y.map((u, j) =>
            u.gt(0)
              ? sum(residual.map((e, i) => e.times(p.W2[i]![j]!)))
                  .times(2)
                  .div(ROWS)
              : new Dx(0),
          );
          const weighted = sum(delta.map((d, j) => d.times(p.gamma[j]!).times(zhat[j]!)));
          corrected = corrected.plus(weighted.times(eps).div(v.plus(eps)));
        }
        expect(small(inner.minus(corrected))).toBe(true);
        // the affine pairs with the next layer's column j: γ_j ∂γ_j + β_j ∂β_j = Σ_i W2[i, j] ∂W2[i, j]
        for (let j = 0; j < N; j++) {
          const incoming = p.gamma[j]!.times(q.gamma[j]!).plus(p.beta[j]!.times(q.beta[j]!));
          const outgoing = sum(p.W2.map((row, i) => row[j]!.times(q.W2[i]![j]!)));
          expect(small(incoming.minus(outgoing))).toBe(true);
        }
        // one gradient descent step: relutopo's laws move exactly as the independent gradient predicts
        const lr = new Dx("0.25");
        const next = unpack(theta.map((v, k) => v.minus(lr.times(g[k]!))));
        const [before] = layerNormLaws(networkOf(p, eps), S);
        const [after] = layerNormLaws(networkOf(next, eps), S);
        expect(small(after!.biasSum!.minus(before!.biasSum!))).toBe(true);
        for (const [c, v] of after!.columnSums.entries()) expect(small(v.minus(before!.columnSums[c]!))).toBe(true);
        const gradNorm = sum(q.W1.flat().map((v) => v.pow(2))).plus(sum(q.b1.map((v) => v.pow(2))));
        const predictedScale = lr.pow(2).times(gradNorm).minus(lr.times(2).times(corrected));
        expect(small(after!.scale.minus(before!.scale).minus(predictedScale))).toBe(true);
        const cBefore = layerInvariants(networkOf(p, eps), S)[0]!;
        const cAfter = layerInvariants(networkOf(next, eps), S)[0]!;
        for (let j = 0; j < N; j++) {
          const predicted = lr.pow(2).times(
            q.gamma[j]!.pow(2)
              .plus(q.beta[j]!.pow(2))
              .minus(sum(q.W2.map((row) => row[j]!.pow(2)))),
          );
          expect(small(cAfter[j]!.minus(cBefore[j]!).minus(predicted))).toBe(true);
        }
      }),
      { numRuns: 12, seed: 25 },
    );
  });

  it("should give the whole layer's squared norm (not per row), the bias sum and the column sums exactly", () => {
    const n = (v: string) => new Dx(v);
    const p: Params = {
      W1: [
        [n("1"), n("-2")],
        [n("3"), n("0.5")],
        [n("-1"), n("4")],
      ],
      b1: [n("0.25"), n("-1"), n("2")],
      gamma: [n("1"), n("1"), n("1")],
      beta: [n("0"), n("0"), n("0")],
      W2: [
        [n("1"), n("1"), n("1")],
        [n("1"), n("1"), n("1")],
      ],
      b2: [n("0"), n("0")],
    };
    const [laws] = layerNormLaws(networkOf(p, n("0")), S);
    // 1 + 4 + 9 + 1/4 + 1 + 16 + 1/16 + 1 + 4
    expect(laws!.scale.toString()).toBe("36.3125");
    expect(laws!.biasSum!.toString()).toBe("1.25");
    expect(laws!.columnSums.map(String)).toEqual(["3", "2.5"]);
    expect(layerNormLaws({ ...networkOf(p, n("0")), layers: [{ W: p.W1, b: p.b1 }, { W: p.W2 }] }, S)).toEqual([]);
  });
});
