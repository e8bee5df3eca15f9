import fc from "fast-check";
import { at } from "../../scalar/at.js";
import { decimalContext } from "../../scalar/decimalContext.js";
import { gradientDescent, type GradientDescentRun } from "../../flow/gradientDescent.js";
import { ConvergenceError } from "../../errors.js";
import { integrateFlow, type FlowRun } from "../../flow/integrateFlow.js";
import type { Dataset } from "../../net/readDataset.js";
import { layerInvariants } from "../../invariants/layerInvariants.js";
import { activationName } from "../../net/activationName.js";
import { datasetIn } from "../../net/datasetIn.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { exact, type Rational } from "../../scalar/exact.js";
import { lockedWeights } from "../../topology/lockedWeights.js";
import { arbDeepProblem, type DeepProblem } from "../arbitraries/arbDeepProblem.js";
import { arbRational } from "../arbitraries/arbRational.js";
import type { Claim } from "../claim.js";
import { defineClaim } from "../defineClaim.js";
import { datasetCsv } from "../datasetCsv.js";

/** decimal.js at its own defaults (20 digits, half up): the comparisons of printed values below. */
const Decimal = decimalContext(20, { rounding: "half-up", notation: "decimal.js" });

const Q = exact;
const lrArb = arbRational({ maxNum: 4, maxDen: 8, sign: "positive" });
const orZero = (a: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.oneof(fc.constant("0"), a);

/** A layered network of exact text in exact rationals. */
function layeredExact(net: LayeredNetwork<string>): LayeredNetwork<Rational> {
  return { activation: net.activation, layers: net.layers.map(({ W, b }) => ({ W: W.map((r) => r.map(Q.parse)), b: b?.map(Q.parse) })) };
}

/** The network file `relutopo gd` reads for a network of any depth: activation, then `layers: [{ W, b? }]`. */
function layeredFile(net: LayeredNetwork<string>): Record<string, unknown> {
  const canon = (v: string): string => Q.toString(Q.parse(v));
  return {
    activation: activationName(net.activation),
    layers: net.layers.map(({ W, b }) => (b ? { W: W.map((r) => r.map(canon)), b: b.map(canon) } : { W: W.map((r) => r.map(canon)) })),
  };
}

const texts = (rows: readonly (readonly Rational[])[]): string[][] => rows.map((r) => r.map(Q.toString));

/** SGD hyper-parameters of the deep drift claim, exact text. */
type DeepSgd = {
  problem: DeepProblem;
  lr: string;
  momentum: string;
  weightDecay: string;
  steps: number;
};

function runSgd(h: DeepSgd): GradientDescentRun<Rational> {
  return gradientDescent(layeredExact(h.problem.net), datasetIn(h.problem.data, Q), Q, {
    lr: Q.parse(h.lr),
    steps: h.steps,
    loss: "mse",
    optimizer: { momentum: Q.parse(h.momentum), weightDecay: Q.parse(h.weightDecay) },
  });
}

/** The witness of a deep GD claim: the files and flags `relutopo gd --arith exact` replays, with the drifts per step. */
function sgdWitness(h: DeepSgd): Record<string, unknown> {
  const run = runSgd(h);
  const flags = ["--lr", h.lr, "--steps", String(h.steps)];
  if (h.momentum !== "0") flags.push("--momentum", h.momentum);
  if (h.weightDecay !== "0") flags.push("--weight-decay", h.weightDecay);
  return {
    net: layeredFile(h.problem.net),
    data: datasetCsv(h.problem.data),
    lr: h.lr,
    momentum: h.momentum,
    weightDecay: h.weightDecay,
    steps: h.steps,
    gdFlags: flags,
    invariants: texts(run.invariants),
    observedDrift: texts(run.observedDrift),
    predictedDrift: texts(run.predictedDrift),
  };
}

/** Theorem: on a deep net, every exact SGD step (momentum, weight decay) changes every c_{l,k} by exactly the predicted drift. */
export const deepGdDriftIdentity: Claim<[DeepSgd]> = defineClaim({
  name: "deep-gd-drift-identity",
  statement:
    "On a fully connected network of 2 to 4 weight layers, every exact torch.optim.SGD step (momentum μ, weight decay λ) changes the invariant c_{l,k} of every hidden neuron of every layer by exactly the drift its identity predicts, −2η(γλc + β⟨θ, b_prev⟩) + η²(‖u_in‖² − ‖u_out‖²), kinks included; the invariants are those of layerInvariants before and after.",
  tag: "theorem",
  arbitraries: {
    problem: arbDeepProblem({ outputs: { max: 2 } }),
    lr: lrArb,
    momentum: orZero(arbRational({ maxNum: 9, maxDen: 10, sign: "positive" })),
    weightDecay: orZero(arbRational({ maxNum: 3, maxDen: 10, sign: "positive" })),
    steps: fc.integer({ min: 1, max: 2 }),
  },
  predicate: (h) => {
    const run = runSgd(h);
    const start = layerInvariants(layeredExact(h.problem.net), Q).flat();
    const end = layerInvariants(run.params, Q).flat();
    const same = (a: readonly Rational[], b: readonly Rational[]): boolean => a.length === b.length && a.every((v, k) => Q.eq(v, at(b, k)));
    return (
      same(at(run.invariants, 0), start) &&
      same(at(run.invariants, h.steps), end) &&
      run.observedDrift.every((row, t) => same(row, at(run.predictedDrift, t)))
    );
  },
  witness: sgdWitness,
});

/** False: plain gradient descent conserves every c_{l,k} of a deep net. */
export const deepGdConservesC: Claim<[DeepSgd]> = defineClaim({
  name: "deep-gd-conserves-c",
  statement:
    "One exact gradient-descent step θ ← θ − η∇L on a network of 3 or 4 weight layers leaves the invariant c_{l,k} of every hidden neuron of every layer unchanged, as the gradient flow does.",
  tag: "false",
  arbitraries: {
    problem: arbDeepProblem({ depth: { min: 3, max: 4 } }),
    lr: lrArb,
    momentum: fc.constant("0"),
    weightDecay: fc.constant("0"),
    steps: fc.constant(1),
  },
  predicate: (h) => at(runSgd(h).observedDrift, 0).every((v) => Q.sign(v) === 0),
  witness: sgdWitness,
});

/**
 * The flow claim integrates at 20 digits over a short time on networks of width ≤ 2 with a
 * single output, small values and no point on a kink, so that each case takes a few
 * milliseconds (the step count of Gauss–Legendre grows with the gradient's Lipschitz bound).
 */
const DIGITS = 20;
const TIME = "1/64";
/** The conservation claim runs longer, through kinks and slides (Taylor steps cost little between them). */
const DEEP_FLOW_TIME = "1/2";

/**
 * The Taylor flow, or undefined (the case is discarded) when the integrator cannot decide
 * a kink on the way (a tangency, a pattern that switches back and forth, or nested sliding pairs): such a start
 * is no evidence either way, and the run says so rather than guess.
 */
function deepFlow(net: LayeredNetwork<string>, data: Dataset<string>, time: string, samples = 0): FlowRun {
  try {
    return integrateFlow(net, data, { time, digits: DIGITS, samples });
  } catch (err) {
    fc.pre(!(err instanceof ConvergenceError));
    throw err;
  }
}

/** The value of weight (layer, row, col) of a flow sample's parameters (`{ layers }`, or W1, b1, W2, b2 for two layers). */
function signAt(params: Record<string, unknown>, layer: number, row: number, col: number): number {
  const layers = (params.layers as { W: string[][]; b?: string[] }[] | undefined) ?? [
    { W: params.W1 as string[][], b: params.b1 as string[] | undefined },
    { W: params.W2 as string[][], b: params.b2 as string[] | undefined },
  ];
  const { W, b } = at(layers, layer - 1);
  const text = col < at(W, row).length ? at(at(W, row), col) : at(b ?? [], row);
  const value = new Decimal(text);
  return value.isZero() ? 0 : value.s;
}

/** Theorem: a weight that lockedWeights proves locked keeps its sign along the gradient flow (Taylor, kinks and sliding included). */
export const deepLockedWeightKeepsSign: Claim<[DeepProblem]> = defineClaim({
  name: "deep-locked-weight-keeps-sign",
  statement: `Along the gradient flow of a network of 2 to 4 weight layers (Taylor with kink events and sliding, ${DIGITS} digits, T = ${TIME}, samples at 0, T/2 and T), every weight that lockedWeights proves locked on H(c) (|θ_p|² ≥ its margin > 0 there) keeps the sign it had at t = 0.`,
  tag: "theorem",
  arbitraries: [
    arbDeepProblem({
      width: { max: 2 },
      points: { max: 2 },
      kinks: false,
      weights: { maxNum: 2, maxDen: 2 },
      inputValues: { maxNum: 2, maxDen: 2 },
      targetValues: { maxNum: 2, maxDen: 2 },
    }),
  ],
  predicate: (p) => {
    const net = layeredExact(p.net);
    const locked = lockedWeights(net);
    fc.pre(locked.length > 0);
    const run = deepFlow(p.net, p.data, TIME, 3);
    return locked.every((w) => {
      const { W, b } = at(net.layers, w.layer - 1);
      const sign = Q.sign(w.col < at(W, w.row).length ? at(at(W, w.row), w.col) : at(b ?? [], w.row));
      return [run.params, ...run.samples.map((s) => s.params)].every((params) => signAt(params, w.layer, w.row, w.col) === sign);
    });
  },
  witness: (p) => ({
    net: layeredFile(p.net),
    data: datasetCsv(p.data),
    time: TIME,
    digits: DIGITS,
    method: "taylor",
    locked: lockedWeights(layeredExact(p.net)).map((w) => ({ layer: w.layer, row: w.row, col: w.col, margin: Q.toString(w.margin) })),
  }),
});

/** Theorem: every c_{l,k} is constant along the Taylor flow of a deep network, kinks and slides included. */
export const deepFlowConservesC: Claim<[DeepProblem]> = defineClaim({
  name: "deep-flow-conserves-c",
  statement: `Along the gradient flow of a network of 2 to 4 weight layers (Taylor with kink events and sliding in every layer, ${DIGITS} digits, T = ${DEEP_FLOW_TIME}, points on kinks allowed; starts whose kinks the integrator cannot decide are discarded), every c_{l,k} stays within 10^-${DIGITS - 5} of its start.`,
  tag: "theorem",
  arbitraries: [
    arbDeepProblem({
      width: { max: 2 },
      points: { max: 3 },
      weights: { maxNum: 2, maxDen: 2 },
      inputValues: { maxNum: 2, maxDen: 2 },
      targetValues: { maxNum: 2, maxDen: 2 },
    }),
  ],
  predicate: (p) => new Decimal(deepFlow(p.net, p.data, DEEP_FLOW_TIME).maxDrift).abs().lte(`1e-${DIGITS - 5}`),
  witness: (p) => ({ net: layeredFile(p.net), data: datasetCsv(p.data), time: DEEP_FLOW_TIME, digits: DIGITS, method: "taylor" }),
});
