import { decimalContext } from "../../scalar/decimalContext.js";
import { at } from "../../scalar/at.js";
import fc from "fast-check";
import { ConvergenceError } from "../../errors.js";
import { integrateFlow, type FlowRun } from "../../flow/integrateFlow.js";
import { arbPathologicalProblem, type PathologicalProblem } from "../arbitraries/arbPathologicalProblem.js";
import { arbProblem, type Problem } from "../arbitraries/arbProblem.js";
import { arbRational } from "../arbitraries/arbRational.js";
import type { Claim } from "../claim.js";
import { defineClaim } from "../defineClaim.js";

/** decimal.js at its own defaults (20 digits, half up): the comparisons of printed values below. */
const Decimal = decimalContext(20, { rounding: "half-up", notation: "decimal.js" });

/**
 * Claims on the flows beyond gradient flow (weight decay, heavy ball): 20 digits,
 * tiny problems with a hidden bias and no point on a kink at t = 0, so that a
 * case takes milliseconds.
 */
const DIGITS = 20;
const TIME = "1/8";
const TOLERANCE = new Decimal(`1e-${DIGITS - 5}`);
const small = arbProblem({ width: { max: 2 }, points: { max: 2 }, outputs: { max: 1 }, hiddenBias: true, kinks: false });
const lambdaArb = arbRational({ maxNum: 3, maxDen: 2, sign: "positive" });
const gammaArb = fc.oneof(fc.constant("0"), arbRational({ maxNum: 3, maxDen: 2, sign: "positive" }));

/** The run, or undefined (the case is discarded) when the heavy ball meets a kink it does not decide. */
function run(p: Problem, extra: { weightDecay?: string; momentum?: string }, time = TIME): FlowRun {
  try {
    return integrateFlow(p.net, p.data, { time, digits: DIGITS, ...extra });
  } catch (err) {
    fc.pre(!(err instanceof ConvergenceError));
    throw err;
  }
}

const within = (a: string, b: string): boolean => new Decimal(a).minus(b).abs().lte(TOLERANCE);
/** Every c_k at T equals its start within the tolerance: what the false "conserves c" claims assert. */
const conservesC = (r: FlowRun): boolean => r.invariantsT.every((c, k) => within(c, at(r.invariants0, k)));

/** Theorem: under weight decay every c_k follows c_k(0)e^{−2λt}. */
export const weightDecayFlowLaw: Claim<[Problem, string]> = defineClaim({
  name: "weight-decay-flow-law",
  statement: `Along the weight-decay flow θ' = −∇L(θ) − λθ (Taylor, ${DIGITS} digits, T = ${TIME}) every c_k(t) stays within 10^-${DIGITS - 5} of c_k(0)e^{−2λt}.`,
  tag: "theorem",
  arbitraries: [small, lambdaArb],
  argNames: ["problem", "weightDecay"],
  predicate: (p, lambda) => {
    const r = run(p, { weightDecay: lambda });
    return new Decimal(r.maxDrift).lte(TOLERANCE) && r.invariantsT.every((c, k) => within(c, at(r.weightDecay!.predictedT, k)));
  },
});

/** Theorem (the negation of "weight decay can heal a pathological neuron"): c_k < 0 stays < 0. */
export const weightDecayFlowKeepsPathological: Claim<[PathologicalProblem, string]> = defineClaim({
  name: "weight-decay-flow-keeps-pathological",
  statement:
    "Under the weight-decay flow a pathological neuron (c_k < 0) stays pathological and keeps the sign of its scalar output weight: weight decay cannot turn it healthy in finite time, since c_k(t) = c_k(0)e^{−2λt}.",
  tag: "theorem",
  arbitraries: [arbPathologicalProblem({ width: { max: 2 }, points: { max: 2 }, hiddenBias: true, kinks: false }), lambdaArb],
  argNames: ["problem", "weightDecay"],
  predicate: (p, lambda) => {
    const r = run(p, { weightDecay: lambda }, "1");
    return p.pathological.every((k) => new Decimal(at(r.invariantsT, k)).isNegative() && !r.signChanges.includes(k));
  },
});

/** False: the weight-decay flow conserves c_k. */
export const weightDecayFlowConservesC: Claim<[Problem, string]> = defineClaim({
  name: "weight-decay-flow-conserves-c",
  statement: "Weight decay pulls w̃_k and a_k alike, so the flow θ' = −∇L(θ) − λθ conserves every c_k as the gradient flow does.",
  tag: "false",
  arbitraries: [small, lambdaArb],
  argNames: ["problem", "weightDecay"],
  predicate: (p, lambda) => conservesC(run(p, { weightDecay: lambda })),
});

/** Theorem: the heavy ball obeys c̈ + γċ = 2(‖ẇ‖² − ‖ȧ‖²). */
export const momentumFlowIdentity: Claim<[Problem, string]> = defineClaim({
  name: "momentum-flow-identity",
  statement: `Along the heavy ball θ'' + γθ' + ∇L(θ) = 0 from rest (Taylor in phase space, ${DIGITS} digits, T = ${TIME}) every c_k obeys c̈_k + γċ_k = 2(‖ẇ_k‖² − ‖ȧ_k‖²) to 10^-${DIGITS - 5} at every accepted step.`,
  tag: "theorem",
  arbitraries: [small, gammaArb],
  argNames: ["problem", "momentum"],
  predicate: (p, gamma) => new Decimal(run(p, { momentum: gamma }).momentum!.maxIdentityResidual).abs().lte(TOLERANCE),
});

/** False: the heavy ball conserves c_k. */
export const momentumFlowConservesC: Claim<[Problem, string]> = defineClaim({
  name: "momentum-flow-conserves-c",
  statement: `The heavy-ball flow θ'' + γθ' + ∇L(θ) = 0 from rest conserves every c_k (to 10^-${DIGITS - 5} at T = ${TIME}) as the gradient flow does.`,
  tag: "false",
  arbitraries: [small, gammaArb],
  argNames: ["problem", "momentum"],
  predicate: (p, gamma) => conservesC(run(p, { momentum: gamma })),
});

/** False: a pathological output weight keeps its sign under the heavy ball. */
export const momentumKeepsPathologicalSign: Claim<[PathologicalProblem, string]> = defineClaim({
  name: "momentum-keeps-pathological-sign",
  statement:
    "With a scalar output, the output weight a_k of a pathological neuron (c_k < 0) never changes sign along the heavy-ball flow from rest (T = 2), as it never does along the gradient flow.",
  tag: "false",
  arbitraries: [
    arbPathologicalProblem({
      width: { max: 1 },
      inputs: { max: 1 },
      points: { max: 1 },
      activations: ["relu"],
      hiddenBias: false,
      outputBias: false,
      kinks: false,
    }),
    gammaArb,
  ],
  argNames: ["problem", "momentum"],
  predicate: (p, gamma) => {
    const r = run(p, { momentum: gamma }, "2");
    return p.pathological.every((k) => r.momentum!.outputSign[k] !== "changed");
  },
});
