import { ConvergenceError } from "../errors.js";
import type { FlowProblem } from "./_internals/flowProblem.js";
import { fabs, fixedToDouble, fixedToString } from "../scalar/fixedPoint.js";
import { stepField, type FieldPattern } from "./_internals/stepField.js";
import type { RawTrajectory } from "./_internals/trajectory.js";
import { gaussLegendreTableau, type ButcherTableau } from "./gaussLegendreTableau.js";
import { fixedStepFlow } from "./fixedStepFlow.js";
import { fieldScale } from "./_internals/fieldScale.js";
import { gaussStages } from "./_internals/gaussStages.js";
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

/** Halvings a step may take when its stage equations do not converge: at most 2^8 sub-steps in place of one. */
const MAX_HALVINGS = 8;

/**
 * Implicit s-stage Gauss–Legendre with a fixed step. Stages are solved by
 * fixed-point iteration K_i = F(θ + hΣ a_ij K_j) until the update stalls at
 * the last bits; if the activation pattern at a stage point keeps flipping (a
 * stage sits on a kink, where F jumps), the pattern of the last sweep is
 * frozen and the iteration finishes on that polynomial field. Either way the
 * final K_i = F(Y_i) with a field obeying the rescaling identity, so every c_k
 * is conserved to the solve tolerance, across kinks too, at any depth.
 *
 * A step is taken only when its stage equations are solved to the last bits:
 * otherwise it is cut in two halves (each cut again if need be, up to
 * 2^MAX_HALVINGS sub-steps), and if even that fails the run stops with a
 * ConvergenceError naming t. A step whose iteration did not converge is never
 * accepted: its K_i are not the field at its stage points and its endpoint is
 * not a Gauss–Legendre step at all (c can drift without bound).
 *
 * The default step count comes from the method's order 2s: a trial step h₀
 * against two steps of h₀/2 from θ(0) estimates the local error e(h₀), and
 * with e(h) ∝ h^{2s+1} the step h with (T/h)·e(h) ≤ 10^−D is taken (see
 * `defaultSteps`).
 *
 * @internal
 */
export function gaussLegendreFlow(p: FlowProblem, theta0: readonly bigint[], options: GaussLegendreFlowOptions): RawTrajectory {
  const s = options.stages ?? gaussStages(options.digits);
  const { F } = p;
  const P = F.bigP;
  const toFix = (x: { times(y: string): { toFixed(d: number): string } }): bigint => BigInt(x.times(F.ONE.toString()).toFixed(0));
  /** The tableau of r stages in fixed point, made once per r. */
  const fixedTableaux = new Map<number, { A: bigint[][]; b: bigint[] }>();
  const tableauOf = (r: number): { A: bigint[][]; b: bigint[] } => {
    let fixed = fixedTableaux.get(r);
    if (fixed === undefined) {
      const tab = cachedTableau(r, Math.ceil(F.P / Math.log2(10)) + 5);
      fixed = { A: tab.A.map((row) => row.map(toFix)), b: tab.b.map(toFix) };
      fixedTableaux.set(r, fixed);
    }
    return fixed;
  };
  // A step far shorter than 1/L (the sub-steps that bisect down to a kink, most of a run's steps where it
  // crosses kinks) reaches 10^−(D+3) with fewer stages: r stages err by about (hL)^(2r+1) on it. The default
  // stage count is kept for steps near 1/L, and a stage count the caller set is kept for every step.
  const lipschitz = 4 * fieldScale(p, theta0).lipschitz;
  const stagesFor = (h: bigint): number => {
    const hl = fixedToDouble(F, h) * lipschitz;
    if (options.stages !== undefined || !(hl < 0.5)) return s;
    const order = (options.digits + 3) / -Math.log10(hl);
    return Math.min(s, Math.max(1, Math.ceil((order - 1) / 2)));
  };
  const maxIter = 30 + 4 * options.digits;
  const tiny = 1n << 12n;
  const diverged = F.ONE << 64n;
  /**
   * One Gauss–Legendre step of length h from θ, or undefined when its stage equations are not solved to the last
   * bits; `inRegion` when θ, every stage point and the endpoint share one activation pattern (the field is then
   * one polynomial over the step and the step has the method's order).
   */
  const solve = (
    theta: readonly bigint[],
    h: bigint,
    quitAtKink = false,
    allStages = false,
  ): { theta: bigint[]; inRegion: boolean } | "kink" | undefined => {
    const stages = allStages ? s : stagesFor(h);
    const { A, b } = tableauOf(stages);
    const hA = A.map((row) => row.map((a) => (a * h) >> P));
    const stagePoints = (K: bigint[][]): bigint[][] =>
      hA.map((row) => {
        // each coefficient beside its stage row, fetched once per stage point rather than once per parameter
        const terms = row.map((a, j) => ({ a, Kj: at(K, j) }));
        return theta.map((v, idx) => v + (terms.reduce((acc, { a, Kj }) => acc + a * at(Kj, idx), 0n) >> P));
      });
    const start = stepField(p, theta);
    let K: bigint[][] = Array.from({ length: stages }, () => [...start.field]);
    let frozen: FieldPattern[] | undefined;
    let converged = false;
    for (let pass = 0; pass < 2 && !converged; pass++) {
      let previous = diverged;
      let growing = 0;
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
        // a step too long for the field's Lipschitz constant makes the iteration diverge
        if (delta > diverged) return undefined;
        if (delta <= tiny) {
          converged = true;
          break;
        }
        // a step that is to be bisected anyway when its stage points leave θ's region need not be solved there
        if (quitAtKink && it >= 3 && evals.some((ev) => !samePattern(ev.pattern, start.pattern))) return "kink";
        // an update that has not shrunk three times running will not reach the last bits: stop early
        growing = delta >= previous ? growing + 1 : 0;
        previous = delta;
        const stalled = growing >= 3;
        if (pass === 0 && (stalled || it === maxIter - 1)) {
          frozen = evals.map((ev) => ev.pattern);
          break;
        }
        if (stalled) break;
      }
    }
    if (!converged) return undefined;
    // One more sweep, K_i = F(Y_i): the update below then uses stage values consistent to the last bits.
    const last = stagePoints(K).map((y, i) => stepField(p, y, frozen?.[i]));
    const terms = b.map((bi, i) => ({ bi, Ki: at(last, i).field }));
    const end = theta.map((v, idx) => v + ((h * (terms.reduce((acc, { bi, Ki }) => acc + bi * at(Ki, idx), 0n) >> P)) >> P));
    const inRegion =
      frozen === undefined &&
      last.every((ev) => samePattern(ev.pattern, start.pattern)) &&
      samePattern(stepField(p, end).pattern, start.pattern);
    // a step across a kink is first order whatever its stages, but where the run slides, the stages of
    // every step that crosses are what average the two fields: it takes them all
    if (!inRegion && stages < s) return solve(theta, h, quitAtKink, true);
    return { theta: end, inRegion };
  };
  /**
   * A step of length h from θ at time t. Where the stage equations are not solved it is cut in halves (at most
   * MAX_HALVINGS times); where it crosses a kink, whose jump of the field leaves a Gauss–Legendre step only first
   * order, it is bisected down to the kink: the halves inside one region keep the method's order, and the one
   * sub-step that holds the kink is short enough (`kinkStep`) that its first-order error is below the resolution.
   * A flow that slides along a kink crosses it on every sub-step; past `budget.left` sub-steps the rest of the step
   * is taken as it comes, first order across the kink, as Gauss–Legendre is there (c is still kept: each stage
   * field obeys the rescaling identity).
   */
  const advance = (theta: readonly bigint[], t: bigint, h: bigint, cuts: number, budget: { left: number }): bigint[] => {
    const short = h <= kinkStep || budget.left <= 0;
    const step = solve(theta, h, !short);
    if (typeof step === "object" && (step.inRegion || short)) return step.theta;
    if (step === undefined && (cuts >= MAX_HALVINGS || h < 2n))
      throw new ConvergenceError(
        "gauss",
        `t = ${fixedToString(F, t, 12)}`,
        `the stage equations do not converge on a step of length ${fixedToString(F, h, 6)} (the step cut ${cuts} times)`,
        { field: "steps", change: "raise" },
      );
    budget.left -= 2;
    const half = h / 2n;
    const nextCuts = step === undefined ? cuts + 1 : cuts;
    const mid = advance(theta, t, half, nextCuts, budget);
    return advance(mid, t + half, h - half, nextCuts, budget);
  };
  const speed = stepField(p, theta0).field.reduce((m, v) => Math.max(m, Math.abs(fixedToDouble(F, v))), 1);
  // a sub-step across a kink errs by about its length times the jump of the field (at most twice its size)
  const kinkStep =
    F.ONE / (10n ** BigInt(options.digits + 3) * BigInt(Number.isFinite(speed) ? Math.ceil(2 * speed) : Number.MAX_SAFE_INTEGER)) || 1n;
  // the trial steps measure the error of s stages, which the step count is chosen for
  const steps = options.steps ?? defaultSteps(p, theta0, options.T, s, options.digits, (theta, h) => solve(theta, h, true, true));
  let t = 0n;
  let sliding = false;
  return fixedStepFlow(
    p,
    theta0,
    { T: options.T, steps, samples: options.samples, onProgress: options.onProgress },
    (theta, h) => {
      // Room for two bisections down to a kink in each step; a step that needs more crosses kinks all along (a
      // slide), and from then on the run is first order (as Gauss–Legendre is along a slide) and bisects no more.
      const budget = { left: sliding ? 0 : 8 * Math.ceil(Math.log2(Number(h / kinkStep) + 2)) };
      const next = advance(theta, t, h, 0, budget);
      if (budget.left <= 0) sliding = true;
      t += h;
      return next;
    },
    "gauss",
  );
}

/**
 * The default step count for s stages and D digits. A trial step h₀ (from min(T, 1/L), L a Lipschitz estimate,
 * so that the stage iteration contracts fast) is compared with two steps of h₀/2 from θ(0): their gap estimates
 * the local error e(h₀) (the half steps err 2^{2s} times less). The local error of an order-2s method grows as
 * h^{2s+1}, so the step h with (T/h)·e(h) = 10^−D reaches D digits at T (errors that add up without damping: a
 * bound, most flows damp them); the step is never above h₀. A trial whose stage equations do not converge, or
 * that crosses a kink (the gap is then the kink's low-order error, not the method's), is halved; when no trial
 * fits, the step is the first h₀.
 *
 * @internal
 */
function defaultSteps(
  p: FlowProblem,
  theta0: readonly bigint[],
  T: bigint,
  s: number,
  digits: number,
  solve: (theta: readonly bigint[], h: bigint) => { theta: bigint[] } | "kink" | undefined,
): number {
  const { F } = p;
  const Tnum = fixedToDouble(F, T);
  const L = fieldScale(p, theta0).lipschitz;
  // a field past the range of a double has no usable scale: the trial starts at the resolution
  const start = Number.isFinite(L) ? Math.min(Tnum, 1 / L) : 0;
  const pattern0 = stepField(p, theta0).pattern;
  let h0 = start;
  for (let tries = 0; tries < 12; tries++, h0 /= 2) {
    const h = BigInt(Math.round(h0 * 2 ** 40)) * (F.ONE >> 40n) || 1n;
    const region = (theta: readonly bigint[], length: bigint): bigint[] | undefined => {
      const step = solve(theta, length);
      return typeof step === "object" ? step.theta : undefined;
    };
    const whole = region(theta0, h);
    const first = region(theta0, h / 2n);
    const halves = first === undefined ? undefined : region(first, h - h / 2n);
    if (whole === undefined || first === undefined || halves === undefined) continue;
    if (![first, whole].every((theta) => samePattern(stepField(p, theta).pattern, pattern0))) continue;
    const gap = whole.reduce((m, v, i) => Math.max(m, Math.abs(fixedToDouble(F, v - at(halves, i)))), 0);
    const tol = 10 ** -digits;
    const accurate = gap === 0 ? Number.POSITIVE_INFINITY : h0 * ((tol * h0) / (Tnum * gap)) ** (1 / (2 * s));
    return Math.max(1, Math.ceil(Tnum / h0), Math.ceil(Tnum / accurate));
  }
  return Math.max(1, Math.ceil(Tnum / start));
}

/** Whether two activation patterns the field returned are the same (slopes and max-pool selections). */
function samePattern(a: FieldPattern, b: FieldPattern): boolean {
  type Seen = { slopes: readonly (readonly (readonly bigint[])[])[]; select?: readonly (readonly Int32Array[] | undefined)[] | undefined };
  const x = a as unknown as Seen;
  const y = b as unknown as Seen;
  const sameSlopes = x.slopes.every((layer, l) => layer.every((row, i) => row.every((v, k) => v === y.slopes[l]?.[i]?.[k])));
  const sameSelect = (x.select ?? []).every((layer, l) =>
    (layer ?? []).every((sel, w) => sel.every((v, j) => v === y.select?.[l]?.[w]?.[j])),
  );
  return sameSlopes && sameSelect;
}
