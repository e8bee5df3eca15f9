import { ConvergenceError } from "../errors.js";
import type { FlowProblem } from "./_internals/flowProblem.js";
import { fabs, fixedToDouble } from "../scalar/fixedPoint.js";
import { stepField, type FieldPattern } from "./_internals/stepField.js";
import type { RawTrajectory } from "./_internals/trajectory.js";
import { gaussLegendreTableau, type ButcherTableau } from "./gaussLegendreTableau.js";
import { fixedStepFlow } from "./fixedStepFlow.js";
import { at } from "../scalar/at.js";

/** Options of {@link gaussLegendreFlow}. @internal */
export interface GaussLegendreFlowOptions {
  T: bigint;
  digits: number;
  /** Total step count; default from D and a Lipschitz estimate. */
  steps?: number | undefined;
  samples: number;
  /** Stage count; default ⌈(D + 5)/5⌉ (order ≈ 0.4·D). */
  stages?: number | undefined;
  onProgress?: ((fraction: number) => void) | undefined;
}

const tableaux = new Map<string, ButcherTableau>();
function cachedTableau(s: number, digits: number): ButcherTableau {
  const key = `${s}:${digits}`;
  let tab = tableaux.get(key);
  if (tab === undefined) {
    tab = gaussLegendreTableau(s, digits);
    tableaux.set(key, tab);
  }
  return tab;
}

/** The stage count used for D digits. @internal */
function gaussStages(digits: number): number {
  return Math.max(2, Math.ceil((digits + 5) / 5));
}

const lnFactorial = (k: number): number => {
  let s = 0;
  for (let i = 2; i <= k; i++) s += Math.log(i);
  return s;
};

/**
 * h·L for s stages and D digits: the local error of Gauss–Legendre is about
 * C_s (hL)^{2s+1} with C_s = (s!)^4 / ((2s)!^3 (2s + 1)); set it to 10^−(D+5),
 * capped at 0.1 so the stage iteration contracts fast.
 *
 * @internal
 */
function gaussStepFactor(s: number, digits: number): number {
  const lnC = 4 * lnFactorial(s) - 3 * lnFactorial(2 * s) - Math.log(2 * s + 1);
  return Math.min(0.1, Math.exp((-(digits + 5) * Math.LN10 - lnC) / (2 * s + 1)));
}

/** @internal A crude Lipschitz constant of the field near θ: directional difference quotient along the field, with a floor. */
function lipschitzEstimate(p: FlowProblem, theta: readonly bigint[]): number {
  const base = stepField(p, theta);
  const f0 = base.field;
  // reduce, not Math.max(...): a net of 10^5 parameters overflows the call stack as arguments
  const norm = f0.reduce((m, v) => Math.max(m, Math.abs(fixedToDouble(p.F, v))), 1e-30);
  const eps = 1e-6 / norm;
  const shift = BigInt(Math.round(eps * 2 ** 40));
  const moved = theta.map((v, i) => v + ((shift * at(f0, i)) >> 40n));
  const f1 = stepField(p, moved, base.pattern).field; // same pattern: no jump across a kink
  const diff = f1.reduce((m, v, i) => Math.max(m, Math.abs(fixedToDouble(p.F, v - at(f0, i)))), 0);
  return Math.max(1, (2 * diff) / (eps * norm));
}

/**
 * Implicit s-stage Gauss–Legendre with a fixed step. Stages are solved by
 * fixed-point iteration K_i = F(θ + hΣ a_ij K_j) until the update stalls at
 * the last bits; if the activation pattern at a stage point keeps flipping (a
 * stage sits on a kink, where F jumps), the pattern of the last sweep is
 * frozen and the iteration finishes on that polynomial field. Either way the
 * final K_i = F(Y_i) with a field obeying the rescaling identity, so every c_k
 * is conserved to the solve tolerance, across kinks too. At any depth the field
 * obeys the rescaling identity
 * for every hidden neuron of every layer, so every c_{l,k} is conserved.
 *
 * @internal
 */
export function gaussLegendreFlow(p: FlowProblem, theta0: readonly bigint[], options: GaussLegendreFlowOptions): RawTrajectory {
  const s = options.stages ?? gaussStages(options.digits);
  const { F } = p;
  const P = F.bigP;
  const tab = cachedTableau(s, Math.ceil(F.P / Math.log2(10)) + 5);
  const toFix = (x: { times(y: string): { toFixed(d: number): string } }): bigint => BigInt(x.times(F.ONE.toString()).toFixed(0));
  const A = tab.A.map((row) => row.map(toFix));
  const b = tab.b.map(toFix);
  const Tnum = fixedToDouble(F, options.T);
  const steps = options.steps ?? Math.max(1, Math.ceil((Tnum * lipschitzEstimate(p, theta0)) / gaussStepFactor(s, options.digits)));
  const maxIter = 30 + 4 * options.digits;
  const tiny = 1n << 12n;
  const diverged = F.ONE << 64n;
  return fixedStepFlow(
    p,
    theta0,
    { T: options.T, steps, samples: options.samples, onProgress: options.onProgress },
    (theta, h) => {
      const hA = A.map((row) => row.map((a) => (a * h) >> P));
      const stagePoints = (K: bigint[][]): bigint[][] =>
        hA.map((row) => {
          // each coefficient beside its stage row, fetched once per stage point rather than once per parameter
          const terms = row.map((a, j) => ({ a, Kj: at(K, j) }));
          return theta.map((v, idx) => v + (terms.reduce((acc, { a, Kj }) => acc + a * at(Kj, idx), 0n) >> P));
        });
      const f0 = stepField(p, theta).field;
      let K: bigint[][] = Array.from({ length: s }, () => [...f0]);
      let frozen: FieldPattern[] | undefined;
      let converged = false;
      for (let pass = 0; pass < 2 && !converged; pass++) {
        for (let it = 0; it < maxIter; it++) {
          const Y = stagePoints(K);
          const evals = Y.map((y, i) => stepField(p, y, frozen?.[i]));
          const next = evals.map((ev) => ev.field);
          let delta = 0n;
          next.forEach((row, i) => {
            const Ki = at(K, i);
            row.forEach((v, idx) => {
              const dv = fabs(v - at(Ki, idx));
              if (dv > delta) delta = dv;
            });
          });
          K = next;
          // A step too long for the field's Lipschitz constant makes the iteration diverge.
          if (delta > diverged)
            throw new ConvergenceError("gauss", `step length ${fixedToDouble(F, h)}`, "the stage equations diverge", {
              field: "steps",
              change: "raise",
            });
          if (delta <= tiny) {
            converged = true;
            break;
          }
          if (pass === 0 && it === maxIter - 1) frozen = evals.map((ev) => ev.pattern);
        }
      }
      // One more sweep, K_i = F(Y_i): the update below then uses stage values consistent to the last bits.
      K = stagePoints(K).map((y, i) => stepField(p, y, frozen?.[i]).field);
      const terms = b.map((bi, i) => ({ bi, Ki: at(K, i) }));
      return theta.map((v, idx) => v + ((h * (terms.reduce((acc, { bi, Ki }) => acc + bi * at(Ki, idx), 0n) >> P)) >> P));
    },
    "gauss",
  );
}
