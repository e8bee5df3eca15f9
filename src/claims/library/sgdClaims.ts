import fc from "fast-check";
import { at } from "../../scalar/at.js";
import { dot } from "../../net/dot.js";
import { lossAndGradient } from "../../net/lossAndGradient.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { zipNetworks } from "../../net/zipNetworks.js";
import { exact, type Rational } from "../../scalar/exact.js";
import { arbProblem, type Problem } from "../arbitraries/arbProblem.js";
import { arbRational } from "../arbitraries/arbRational.js";
import type { Claim } from "../claim.js";
import { defineClaim } from "../defineClaim.js";
import { datasetCsv } from "../datasetCsv.js";
import { networkFile } from "../networkFile.js";
import { incoming, inExact, invariantsByDefinition, outgoing } from "../_internals/exactHelpers.js";

const Q = exact;

/** Hyper-parameters of `torch.optim.SGD` as exact text, with the batch size and the number of steps. */
export interface SgdHyper {
  lr: string;
  momentum: string;
  dampening: string;
  nesterov: boolean;
  weightDecay: string;
  batchSize: number;
  steps: number;
}

const lrArb = arbRational({ maxNum: 4, maxDen: 8, sign: "positive" });
const orZero = (a: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.oneof(fc.constant("0"), a);

/** SGD settings PyTorch accepts (Nesterov only with μ > 0 and τ = 0); shrinks toward plain full-batch SGD. */
function arbSgd(c: { momentum?: "positive"; weightDecay?: "positive" | "zero"; steps?: number } = {}): fc.Arbitrary<SgdHyper> {
  const momentum = arbRational({ maxNum: 9, maxDen: 10, sign: "positive" });
  const decay = arbRational({ maxNum: 3, maxDen: 10, sign: "positive" });
  return fc
    .record({
      lr: lrArb,
      momentum: c.momentum ? momentum : orZero(momentum),
      dampening: orZero(arbRational({ maxNum: 3, maxDen: 4 })),
      nesterov: fc.boolean(),
      weightDecay: c.weightDecay === "positive" ? decay : c.weightDecay === "zero" ? fc.constant("0") : orZero(decay),
      batchSize: fc.integer({ min: 1, max: 3 }),
      steps: fc.integer({ min: c.steps ?? 1, max: 3 }),
    })
    .map((h) => (h.nesterov && (h.momentum === "0" || h.dampening !== "0") ? { ...h, nesterov: false } : h));
}

/** One step of an exact SGD run: c before and after, and the drift the identity predicts. */
interface SgdStepRecord {
  before: Rational[];
  after: Rational[];
  predicted: Rational[];
  /** η²(‖u_w̃‖² − ‖u_a‖²): the drift if the first-order term cancelled as it does for plain gradient descent. */
  secondOrder: Rational[];
}

/**
 * PyTorch's SGD on mini-batches of the rows in file order, written here from
 * the documented algorithm, with the predicted drift from the identity
 * c_k(θ − ηu) − c_k(θ) = −2η(γλc_k + β⟨b_prev⟩_k) + η²(‖u_w̃‖² − ‖u_a‖²),
 * u = γ(∇L_B + λθ) + β·b_prev (independent of src/flow and src/invariants).
 */
function exactSgd(p: Problem, h: SgdHyper): SgdStepRecord[] {
  let { net } = inExact(p);
  const { data } = inExact(p);
  const [lr, mu, tau, lambda] = [h.lr, h.momentum, h.dampening, h.weightDecay].map(Q.parse) as [Rational, Rational, Rational, Rational];
  const n = data.X.length;
  const perEpoch = Math.ceil(n / h.batchSize);
  const pair = (a: LayeredNetwork<Rational>, b: LayeredNetwork<Rational>, k: number): Rational =>
    Q.sub(dot(Q, incoming(a, k), incoming(b, k)), dot(Q, outgoing(a, k), outgoing(b, k)));
  let buf: LayeredNetwork<Rational> | undefined;
  const out: SgdStepRecord[] = [];
  for (let t = 0; t < h.steps; t++) {
    const start = (t % perEpoch) * h.batchSize;
    const batch = { X: data.X.slice(start, start + h.batchSize), Y: data.Y.slice(start, start + h.batchSize) };
    const g = zipNetworks(lossAndGradient(net, batch, Q, "mse").grad, net, (d, w) => Q.add(d, Q.mul(lambda, w)));
    let u = g;
    let gamma = Q.one;
    let beta = Q.zero;
    let prev: LayeredNetwork<Rational> | undefined;
    if (Q.sign(mu) !== 0) {
      if (buf === undefined) buf = g;
      else {
        prev = buf;
        buf = zipNetworks(buf, g, (b, d) => Q.add(Q.mul(mu, b), Q.mul(Q.sub(Q.one, tau), d)));
        gamma = Q.sub(Q.one, tau);
        beta = mu;
      }
      const b = buf;
      if (h.nesterov) {
        u = zipNetworks(g, b, (d, v) => Q.add(d, Q.mul(mu, v)));
        gamma = Q.add(Q.one, Q.mul(mu, gamma));
        beta = Q.mul(mu, beta);
      } else u = b;
    }
    const before = invariantsByDefinition(net);
    const secondOrder = before.map((_, k) => Q.mul(Q.mul(lr, lr), pair(u, u, k)));
    const predicted = before.map((c, k) => {
      const first = Q.add(Q.mul(Q.mul(gamma, lambda), c), prev ? Q.mul(beta, pair(net, prev, k)) : Q.zero);
      return Q.add(Q.mul(Q.mul(Q.fromInt(-2), lr), first), at(secondOrder, k));
    });
    const step = u;
    net = zipNetworks(net, step, (w, d) => Q.sub(w, Q.mul(lr, d)));
    out.push({ before, after: invariantsByDefinition(net), predicted, secondOrder });
  }
  return out;
}

const texts = (v: readonly Rational[]): string[] => v.map(Q.toString);
/** The drift of every c_k over one step, after − before: what the witness shows and the drift claims compare. */
const drift = (s: SgdStepRecord): Rational[] => s.after.map((v, k) => Q.sub(v, at(s.before, k)));

/** The `relutopo gd` flags of these settings. */
function gdFlags(h: SgdHyper): string[] {
  const flags = ["--lr", h.lr, "--steps", String(h.steps)];
  if (h.momentum !== "0") flags.push("--momentum", h.momentum);
  if (h.dampening !== "0") flags.push("--dampening", h.dampening);
  if (h.nesterov) flags.push("--nesterov");
  if (h.weightDecay !== "0") flags.push("--weight-decay", h.weightDecay);
  flags.push("--batch-size", String(h.batchSize));
  return flags;
}

/** The witness of an SGD claim: the files and flags `relutopo gd --arith exact` replays, with what it prints. */
function sgdWitness(p: Problem, h: SgdHyper): Record<string, unknown> {
  const run = exactSgd(p, h);
  return {
    net: networkFile(p.net),
    data: datasetCsv(p.data),
    ...h,
    gdFlags: gdFlags(h),
    invariants: [texts(at(run, 0).before), ...run.map((s) => texts(s.after))],
    observedDrift: run.map((s) => texts(drift(s))),
    predictedDrift: run.map((s) => texts(s.predicted)),
  };
}

const sameVector = (a: readonly Rational[], b: readonly Rational[]): boolean => a.every((v, k) => Q.eq(v, at(b, k)));

/** Theorem: every exact SGD step changes c_k by exactly the drift its identity predicts. */
export const sgdDriftIdentity: Claim<[Problem, SgdHyper]> = defineClaim({
  name: "sgd-drift-identity",
  statement:
    "Every exact torch.optim.SGD step θ′ = θ − ηu on a mini-batch, u = γ(∇L_B + λθ) + β·b_prev (momentum μ, dampening τ, Nesterov, weight decay λ), changes c_k by exactly −2η(γλc_k + β(⟨w̃_k, b_w̃⟩ − ⟨a_k, b_a⟩)) + η²(‖u_w̃‖² − ‖u_a‖²): the gradient's first-order share cancels by the rescaling identity on every mini-batch, kinks included.",
  tag: "theorem",
  arbitraries: [arbProblem({ outputs: { max: 2 } }), arbSgd()],
  predicate: (p, h) => exactSgd(p, h).every((s) => sameVector(drift(s), s.predicted)),
  witness: sgdWitness,
});

/** False: SGD with momentum conserves c_k. */
export const sgdMomentumConservesC: Claim<[Problem, SgdHyper]> = defineClaim({
  name: "sgd-momentum-conserves-c",
  statement:
    "Exact SGD with momentum μ > 0 (heavy ball or Nesterov) and no weight decay leaves every c_k = ‖w̃_k‖² − ‖a_k‖² unchanged, as the gradient flow does.",
  tag: "false",
  arbitraries: [arbProblem(), arbSgd({ momentum: "positive", weightDecay: "zero" })],
  predicate: (p, h) => exactSgd(p, h).every((s) => sameVector(s.after, s.before)),
  witness: sgdWitness,
});

/** False: with momentum the drift is still only second order, as for plain gradient descent. */
export const sgdMomentumDriftSecondOrder: Claim<[Problem, SgdHyper]> = defineClaim({
  name: "sgd-momentum-drift-second-order",
  statement:
    "With momentum and no weight decay, as for plain gradient descent, the first-order term of the drift vanishes: every step changes c_k by exactly η²(‖u_w̃‖² − ‖u_a‖²) with u the step direction.",
  tag: "false",
  arbitraries: [arbProblem(), arbSgd({ momentum: "positive", weightDecay: "zero", steps: 2 })],
  predicate: (p, h) => exactSgd(p, h).every((s) => sameVector(drift(s), s.secondOrder)),
  witness: sgdWitness,
});

/** False: weight decay preserves c_k. */
export const weightDecayPreservesC: Claim<[Problem, SgdHyper]> = defineClaim({
  name: "weight-decay-preserves-c",
  statement:
    "Weight decay shrinks w̃_k and a_k alike, so an exact SGD step with weight decay λ > 0 changes c_k by the same amount as the step without it.",
  tag: "false",
  arbitraries: [arbProblem(), arbSgd({ weightDecay: "positive" })],
  predicate: (p, h) => {
    const withDecay = exactSgd(p, h);
    const without = exactSgd(p, { ...h, weightDecay: "0" });
    return sameVector(at(withDecay, 0).after, at(without, 0).after);
  },
  witness: sgdWitness,
});
