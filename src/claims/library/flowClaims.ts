import fc from "fast-check";
import { decimalContext } from "../../scalar/decimalContext.js";
import { integrateFlow, type FlowRun } from "../../flow/integrateFlow.js";
import { networkFromObject } from "../../net/networkFromObject.js";
import { networkIn } from "../../net/networkIn.js";
import { exact } from "../../scalar/exact.js";
import { neuronInvariants } from "../../invariants/neuronInvariants.js";
import { componentOf } from "../../topology/componentOf.js";
import { arbProblem, type Problem } from "../arbitraries/arbProblem.js";
import type { Claim } from "../claim.js";
import { defineClaim } from "../defineClaim.js";
import { activationName } from "../../net/activationName.js";

/** decimal.js at its own defaults (20 digits, half up): the comparisons of printed values below. */
const Decimal = decimalContext(20, { rounding: "half-up", notation: "decimal.js" });

/**
 * The Taylor flow claims integrate at 20 digits over a short time on tiny problems with a
 * hidden bias and no point exactly on a kink, so that each case takes milliseconds.
 */
const DIGITS = 20;
const TIME = "1/8";
const flowProblem = arbProblem({ width: { max: 2 }, points: { max: 2 }, outputs: { max: 1 }, hiddenBias: true, kinks: false });

function flow(p: Problem, samples = 0): FlowRun {
  return integrateFlow(p.net, p.data, { time: TIME, digits: DIGITS, method: "taylor", samples });
}

/** Theorem: every c_k is constant along the (Taylor, event-located) gradient flow. */
export const flowConservesC: Claim<[Problem]> = defineClaim({
  name: "flow-conserves-c",
  statement: `Along the gradient flow θ' = −∇L(θ) (Taylor with kink events, ${DIGITS} digits, T = ${TIME}) every c_k stays within 10^-${DIGITS - 5} of its start.`,
  tag: "theorem",
  arbitraries: [flowProblem],
  predicate: (p) => new Decimal(flow(p).maxDrift).abs().lte(`1e-${DIGITS - 5}`),
});

/**
 * Gauss–Legendre conserves the c_k at any step length (they are quadratic invariants), so its
 * claim needs neither many digits nor a long time: 12 digits (4 stages) over T = 1/64 cost a
 * tenth of 20 digits over 1/8, and an integrator that does not conserve them (an explicit step, a
 * perturbed tableau, a field without the rescaling identity) still drifts far past the bound.
 */
const GAUSS_DIGITS = 12;
const GAUSS_TIME = "1/64";

/** Theorem: Gauss–Legendre conserves the quadratic invariants c_k up to its solve tolerance. */
export const gaussConservesC: Claim<[Problem]> = defineClaim({
  name: "gauss-conserves-c",
  statement: `Gauss–Legendre (implicit, ${GAUSS_DIGITS} digits, T = ${GAUSS_TIME}) conserves every c_k to the tolerance of its nonlinear solve (10^-${GAUSS_DIGITS - 5}), kinks included.`,
  tag: "theorem",
  arbitraries: [flowProblem],
  predicate: (p) =>
    new Decimal(integrateFlow(p.net, p.data, { time: GAUSS_TIME, digits: GAUSS_DIGITS, method: "gauss" }).maxDrift)
      .abs()
      .lte(`1e-${GAUSS_DIGITS - 5}`),
});

/** Theorem: a pathological neuron's output weight never changes sign along the flow. */
export const flowKeepsPathologicalSign: Claim<[Problem]> = defineClaim({
  name: "flow-keeps-pathological-sign",
  statement: "With a scalar output, the output weight a_k of a neuron with c_k < 0 keeps its sign along the gradient flow.",
  tag: "theorem",
  arbitraries: [flowProblem],
  predicate: (p) => {
    const c = neuronInvariants(networkIn(p.net, exact), exact);
    const changed = new Set(flow(p).signChanges);
    return c.every((v, k) => exact.sign(v) >= 0 || !changed.has(k));
  },
});

/** Theorem: the component of H(c) is constant along the flow. */
export const componentConstantAlongFlow: Claim<[Problem]> = defineClaim({
  name: "component-constant-along-flow",
  statement: "componentOf(θ(t)), the sign pattern of the split neurons, is the same at every sampled time of the gradient flow.",
  tag: "theorem",
  arbitraries: [flowProblem],
  predicate: (p) => {
    const start = networkIn(p.net, exact);
    // c_k within rounding of 0 could change kind by rounding alone: the theorem is about c_k ≠ 0
    fc.pre(neuronInvariants(start, exact).every((v) => exact.abs(v).compare(exact.parse("1/1000")) > 0));
    const pattern = componentOf(start).pattern;
    const act = activationName(p.net.activation);
    return flow(p, 4).samples.every(
      (s) => componentOf(networkIn(networkFromObject({ ...s.params, activation: act }), exact)).pattern === pattern,
    );
  },
});
