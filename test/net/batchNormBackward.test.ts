import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decimal, type DecimalValue } from "../../src/scalar/decimal.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import type { Scalar } from "../../src/scalar/scalar.js";
import { type KernelCase, kernelCase, kernelPass } from "../helpers/batchNormChannel.js";

// The laws of docs/convolutions.md §2–§3, on kernels feeding a batch normalisation, in 60-digit
// decimal arithmetic (and exactly where the square root is rational).
const D = decimal(60);
const dec = (s: string): DecimalValue => D.parse(s);
const kernels = <T>(c: KernelCase, S: Scalar<T>): T[][] => c.K.map((k) => k.map((v) => S.parse(v)));
const dotOf = <T>(S: Scalar<T>, a: readonly T[], b: readonly T[]): T => a.reduce((s, x, k) => S.add(s, S.mul(x, b[k]!)), S.zero);
const abs = (x: DecimalValue): number => x.abs().toNumber();
/** Every channel's variance well away from 0, so that the ε = 0 normalisation exists and is well conditioned. */
const spread = (c: KernelCase): boolean => kernelPass(c, kernels(c, D), dec("1e-5"), D).variance.every((v) => v.gt(dec("1/16")));

describe("batchNormBackward", () => {
  it("should give the kernels' gradient of a central finite difference of the loss, to 1e-25 in 60 digits", () => {
    fc.assert(
      fc.property(kernelCase, fc.constantFrom("0", "1e-5", "1/2"), (c, epsText) => {
        fc.pre(spread(c));
        // Arrange
        const eps = dec(epsText);
        const K = kernels(c, D);
        const h = dec("1e-20");
        // Act
        const { gK } = kernelPass(c, K, eps, D);
        // Assert: (L(K + h e) − L(K − h e)) / 2h, an O(h²) = 1e-40 truncation, rounding 1e-60 / h
        for (const [j, k] of K.entries())
          for (const e of k.keys()) {
            const at = (sign: 1 | -1): DecimalValue => {
              const moved = K.map((r, jj) => r.map((v, ee) => (jj === j && ee === e ? v.plus(h.times(sign)) : v)));
              return kernelPass(c, moved, eps, D).loss;
            };
            const fd = at(1).minus(at(-1)).div(h.times(2));
            expect(abs(fd.minus(gK[j]![e]!))).toBeLessThan(1e-25 * Math.max(1, abs(fd)));
          }
      }),
      { numRuns: 40 },
    );
  });

  it("should make the kernel's gradient orthogonal to the kernel when ε = 0 (scale invariance), to the working precision", () => {
    let moving = 0;
    fc.assert(
      fc.property(kernelCase, (c) => {
        fc.pre(spread(c));
        const K = kernels(c, D);
        const { gK } = kernelPass(c, K, D.zero, D);
        K.forEach((k, j) => {
          const g = gK[j]!;
          if (abs(dotOf(D, g, g)) > 1e-6) moving++;
          expect(abs(dotOf(D, k, g))).toBeLessThan(1e-50 * Math.max(1, abs(dotOf(D, k, k))));
        });
      }),
      { numRuns: 60 },
    );
    // orthogonal, not zero: most kernels have a gradient
    expect(moving).toBeGreaterThan(20);
  });

  it("should give ⟨K_j, g_j⟩ = ε/(σ_j² + ε) · γ_j · ∂L/∂γ_j at ε = 1e-5, the ε-corrected drift, to 1e-40", () => {
    let nonZero = 0;
    fc.assert(
      fc.property(kernelCase, (c) => {
        fc.pre(spread(c));
        const eps = dec("1e-5");
        const K = kernels(c, D);
        const { gK, dGamma, variance } = kernelPass(c, K, eps, D);
        K.forEach((k, j) => {
          const observed = dotOf(D, k, gK[j]!);
          const predicted = eps.div(variance[j]!.plus(eps)).times(dec(c.gamma[j]!)).times(dGamma[j]!);
          if (abs(observed) > 1e-20) nonZero++;
          expect(abs(observed.minus(predicted))).toBeLessThan(1e-40);
        });
      }),
      { numRuns: 60 },
    );
    // the identity is not checked on zeros only: ⟨K, g⟩ ≠ 0 for ε > 0 on most cases
    expect(nonZero).toBeGreaterThan(20);
  });

  it("should change ‖K_j‖² over one decimal GD step by −2η⟨K_j, g_j⟩ + η²‖g_j‖² from the closed form, and by η²‖g_j‖² at ε = 0", () => {
    fc.assert(
      fc.property(kernelCase, fc.constantFrom("1/10", "1/3", "2"), (c, etaText) => {
        fc.pre(spread(c));
        const eta = dec(etaText);
        for (const epsText of ["0", "1e-5"]) {
          const eps = dec(epsText);
          const K = kernels(c, D);
          const { gK, dGamma, variance } = kernelPass(c, K, eps, D);
          K.forEach((k, j) => {
            const g = gK[j]!;
            const stepped = k.map((v, e) => v.minus(eta.times(g[e]!)));
            const observed = dotOf(D, stepped, stepped).minus(dotOf(D, k, k));
            const kg = eps.div(variance[j]!.plus(eps)).times(dec(c.gamma[j]!)).times(dGamma[j]!);
            const growth = eta.times(eta).times(dotOf(D, g, g));
            const predicted = epsText === "0" ? growth : growth.minus(eta.times(kg).times(2));
            expect(abs(observed.minus(predicted))).toBeLessThan(1e-40 * Math.max(1, abs(dotOf(D, k, k))));
          });
        }
      }),
      { numRuns: 40 },
    );
  });

  it("should give the bias before the normalisation a zero gradient, for every ε", () => {
    fc.assert(
      fc.property(kernelCase, fc.constantFrom("0", "1e-5", "3"), (c, epsText) => {
        fc.pre(spread(c));
        const { gb } = kernelPass(c, kernels(c, D), dec(epsText), D);
        for (const g of gb) expect(abs(g)).toBeLessThan(1e-50);
      }),
      { numRuns: 40 },
    );
  });

  it("should hold the ε = 0 laws exactly in rationals on two data points, where √σ² = |z₁ − z₂| / 2 is rational", () => {
    fc.assert(
      fc.property(kernelCase, (c0) => {
        // one position, two points: every variance is a square
        const c: KernelCase = {
          ...c0,
          n: 2,
          positions: 1,
          patch: c0.patch.slice(0, 2).map((pi) => pi.map((pj) => pj.slice(0, 1))),
          t: c0.t.slice(0, 2).map((r) => r.filter((_, e) => e % c0.positions === 0)),
          u: c0.u.slice(0, 2).map((r) => r.filter((_, e) => e % c0.positions === 0)),
        };
        fc.pre(c0.n >= 2 && spread(c));
        const K = kernels(c, exact);
        const { gK, gb } = kernelPass<Rational>(c, K, exact.zero, exact);
        K.forEach((k, j) => {
          const g = gK[j]!;
          expect(exact.toString(dotOf(exact, k, g))).toBe("0");
          expect(exact.toString(gb[j]!)).toBe("0");
          const eta = exact.parse("1/3");
          const stepped = k.map((v, e) => exact.sub(v, exact.mul(eta, g[e]!)));
          const delta = exact.sub(dotOf(exact, stepped, stepped), dotOf(exact, k, k));
          expect(exact.toString(delta)).toBe(exact.toString(exact.mul(exact.mul(eta, eta), dotOf(exact, g, g))));
        });
      }),
      { numRuns: 60 },
    );
  });
});
