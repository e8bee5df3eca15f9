import { fixedToDouble, type Fixed } from "../../scalar/fixedPoint.js";
import type { FixedLayeredNet } from "../../net/kernels/fixedLayeredNet.js";
import { polyEval } from "./fixedPolynomial.js";
import { at } from "../../scalar/at.js";

/** What is certified about the sign of a neuron's output weights along a trajectory. @internal */
export type SignCertificate = "changed" | "unchanged" | "uncertain";

/** Halvings of a step before a piece counts as not certified. */
const MAX_DEPTH = 16;

/**
 * Certifies, per neuron, whether an output weight a_kj changed sign along a
 * trajectory made of polynomial pieces (the Taylor steps), given an error bound
 * β on the computed trajectory:
 *
 * - `changed` when some step end or sample has a_kj of the sign opposite to
 *   a_kj(0) and |a_kj| > β;
 * - `unchanged` when, on every step, |a_kj(τ)| of the step polynomial is bounded
 *   below by more than β with the sign of a_kj(0), for every j: on a piece
 *   [u0, u1] of the step, |a(τ)| ≥ |a(u0)| − (u1 − u0)·Σ_q q|a_q|u1^{q−1}; pieces are
 *   halved up to 16 times before giving up;
 * - `uncertain` otherwise (never a guess).
 *
 * @internal
 */
export class OutputSignWatch {
  private readonly sign0: number[][];
  private readonly changed: boolean[];
  private readonly certified: boolean[];
  private readonly bound: number;

  constructor(
    private readonly p: Pick<FixedLayeredNet, "F" | "l" | "outSlots">,
    theta0: readonly bigint[],
    /** β as a double (10^−(D−5) in the integrator). */
    bound: number,
  ) {
    this.bound = bound;
    this.sign0 = p.outSlots.map((slots) => slots.map((s) => sign(at(theta0, s))));
    this.changed = new Array<boolean>(p.l).fill(false);
    // a weight that starts at 0 has no sign to keep
    this.certified = this.sign0.map((row) => row.every((s) => s !== 0));
  }

  /** Records the parameters at a step end or a sample. */
  observe(theta: readonly bigint[]): void {
    this.p.outSlots.forEach((slots, k) => {
      slots.forEach((s, j) => {
        const v = at(theta, s);
        const sg = at(at(this.sign0, k), j);
        if (sg !== 0 && sign(v) === -sg && Math.abs(fixedToDouble(this.p.F, v)) > this.bound) this.changed[k] = true;
      });
    });
  }

  /** Certifies one step: `series[slot]` the coefficients in τ of each parameter, accepted on [0, τ_end]. */
  step(series: readonly (readonly bigint[])[], tauEnd: bigint): void {
    this.p.outSlots.forEach((slots, k) => {
      if (!this.certified[k]) return;
      const ok = slots.every((s, j) => awayFromZero(this.p.F, at(series, s), tauEnd, at(at(this.sign0, k), j), this.bound));
      if (!ok) this.certified[k] = false;
    });
  }

  /** The verdict per neuron. */
  verdicts(): SignCertificate[] {
    return this.changed.map((c, k) => (c ? "changed" : this.certified[k] ? "unchanged" : "uncertain"));
  }
}

function sign(v: bigint): number {
  return v > 0n ? 1 : v < 0n ? -1 : 0;
}

/** Whether sign0·c(τ) > β on [0, τ_end], proven piece by piece (see {@link OutputSignWatch}). */
function awayFromZero(F: Fixed, c: readonly bigint[], tauEnd: bigint, sign0: number, bound: number): boolean {
  const cd = c.map((v) => Math.abs(fixedToDouble(F, v)));
  const end = fixedToDouble(F, tauEnd);
  // Σ_q q|a_q|u^{q−1}: a bound on |a'| over [0, u], rounded up by a relative margin
  const slopeBound = (u: number): number => {
    let acc = 0;
    for (let q = cd.length - 1; q >= 1; q--) acc = acc * u + q * at(cd, q);
    return acc * (1 + 1e-9);
  };
  const check = (lo: bigint, hi: bigint, depth: number): boolean => {
    const value = polyEval(F, c, lo);
    if (sign(value) !== sign0) return false;
    const a = Math.abs(fixedToDouble(F, value));
    const width = fixedToDouble(F, hi - lo);
    const u1 = Math.min(end, fixedToDouble(F, hi));
    // the margin 1e-12·|a| covers the rounding of the doubles in the difference
    if (a - width * slopeBound(u1) > bound + 1e-12 * a) return true;
    if (depth === 0) return false;
    const mid = (lo + hi) / 2n;
    return check(lo, mid, depth - 1) && check(mid, hi, depth - 1);
  };
  return check(0n, tauEnd, MAX_DEPTH);
}
