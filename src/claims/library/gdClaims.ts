import fc from "fast-check";
import { neuronInvariants } from "../../invariants/neuronInvariants.js";
import { dot } from "../../net/dot.js";
import { lossAndGradient } from "../../net/lossAndGradient.js";
import { InternalError } from "../../errors.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { at } from "../../scalar/at.js";
import { exact, type Rational } from "../../scalar/exact.js";
import { arbPathologicalProblem, type PathologicalProblem } from "../arbitraries/arbPathologicalProblem.js";
import { arbProblem, type Problem } from "../arbitraries/arbProblem.js";
import { arbRational } from "../arbitraries/arbRational.js";
import type { Claim } from "../claim.js";
import { defineClaim } from "../defineClaim.js";
import { datasetCsv } from "../datasetCsv.js";
import { networkFile } from "../networkFile.js";
import { hiddenAndOutput } from "../_internals/hiddenAndOutput.js";
import { gdStep, incoming, inExact, invariantsByDefinition, outgoing } from "../_internals/exactHelpers.js";

const texts = (v: readonly Rational[]): string[] => v.map(exact.toString);
const lrArb = arbRational({ maxNum: 4, maxDen: 8, sign: "positive" });

/** The witness of a one-step GD claim: files `relutopo gd --lr LR --steps 1 --arith exact` replays. */
function gdWitness(p: Problem, lr: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { net, data } = inExact(p);
  const { next } = gdStep(net, data, exact.parse(lr));
  const before = invariantsByDefinition(net);
  const after = invariantsByDefinition(next);
  return {
    net: networkFile(p.net),
    data: datasetCsv(p.data),
    lr,
    steps: 1,
    invariantsBefore: texts(before),
    invariantsAfter: texts(after),
    drift: after.map((v, k) => exact.toString(exact.sub(v, at(before, k)))),
    ...extra,
  };
}

/** Theorem: one exact GD step changes c_k by exactly η²(‖g_w̃‖² − ‖g_a‖²). */
export const gdDriftFormula: Claim<[Problem, string]> = defineClaim({
  name: "gd-drift-formula",
  statement:
    "One exact gradient-descent step θ ← θ − ηg changes every c_k by exactly η²(‖g_{w̃_k}‖² − ‖g_{a_k}‖²): the first-order term vanishes by the rescaling identity (any homogeneous activation, biases, several outputs, kinks).",
  tag: "theorem",
  arbitraries: [arbProblem({ outputs: { max: 2 } }), lrArb],
  predicate: (p, lrText) => {
    const { net, data } = inExact(p);
    const lr = exact.parse(lrText);
    const { next, grad } = gdStep(net, data, lr);
    const before = invariantsByDefinition(net);
    const after = invariantsByDefinition(next);
    return before.every((c, k) => {
      const gw = incoming(grad, k);
      const ga = outgoing(grad, k);
      const predicted = exact.mul(exact.mul(lr, lr), exact.sub(dot(exact, gw, gw), dot(exact, ga, ga)));
      return exact.eq(exact.sub(at(after, k), c), predicted);
    });
  },
  witness: (p, lr) => gdWitness(p, lr),
});

/** Theorem: ⟨∇_w̃ L, w̃⟩ = ⟨∇_a L, a⟩ for every neuron, so dc_k/dt = 0 along the flow. */
export const rescalingIdentity: Claim<[Problem]> = defineClaim({
  name: "flow-rate-of-c-is-zero",
  statement:
    "At every θ, kinks included (σ'(0) as in PyTorch), ⟨∇_{w̃_k}L, w̃_k⟩ = ⟨∇_{a_k}L, a_k⟩ for every hidden neuron, so dc_k/dt = −2(⟨∇_{w̃_k}L, w̃_k⟩ − ⟨∇_{a_k}L, a_k⟩) = 0 along the gradient flow.",
  tag: "theorem",
  arbitraries: [arbProblem({ outputs: { max: 2 } })],
  predicate: (p) => {
    const { net, data } = inExact(p);
    const { grad } = lossAndGradient(net, data, exact, "mse");
    return hiddenAndOutput(net)[0].W.every((_, k) =>
      exact.eq(dot(exact, incoming(grad, k), incoming(net, k)), dot(exact, outgoing(grad, k), outgoing(net, k))),
    );
  },
});

/** c before and after one exact GD step of size η (exact text). */
function invariantsAroundStep(p: Problem, lrText: string): { before: Rational[]; after: Rational[] } {
  const { net, data } = inExact(p);
  const { next } = gdStep(net, data, exact.parse(lrText));
  return { before: neuronInvariants(net, exact), after: neuronInvariants(next, exact) };
}

/** False: gradient descent conserves c_k. */
export const gdConservesC: Claim<[Problem, string]> = defineClaim({
  name: "gd-conserves-c",
  statement: "One exact gradient-descent step with any step η leaves every c_k = ‖w̃_k‖² − ‖a_k‖² unchanged.",
  tag: "false",
  arbitraries: [arbProblem(), lrArb],
  predicate: (p, lrText) => {
    const { before, after } = invariantsAroundStep(p, lrText);
    return before.every((c, k) => exact.eq(c, at(after, k)));
  },
  witness: (p, lr) => gdWitness(p, lr),
});

/** False: GD never decreases c_k. */
export const gdNeverDecreasesC: Claim<[Problem, string]> = defineClaim({
  name: "gd-never-decreases-c",
  statement: "Gradient descent can only increase c_k: the drift η²(‖g_{w̃_k}‖² − ‖g_{a_k}‖²) is never negative.",
  tag: "false",
  arbitraries: [arbProblem(), lrArb],
  predicate: (p, lrText) => {
    const { before, after } = invariantsAroundStep(p, lrText);
    return after.every((c, k) => exact.cmp(c, at(before, k)) >= 0);
  },
  witness: (p, lr) => gdWitness(p, lr),
});

type PathologicalGd = [PathologicalProblem, string, number];

function signsAfterGd(p: PathologicalProblem, lrText: string, steps: number): { before: number[]; after: number[] } {
  let { net } = inExact(p);
  const { data } = inExact(p);
  // The pathological problems have a scalar output: W2 is one row.
  const signs = (n: LayeredNetwork<Rational>): number[] => {
    const a = at(hiddenAndOutput(n)[1].W, 0);
    return p.pathological.map((k) => exact.sign(at(a, k)));
  };
  const before = signs(net);
  for (let t = 0; t < steps; t++) net = gdStep(net, data, exact.parse(lrText)).next;
  return { before, after: signs(net) };
}

/** False: with a large step, GD flips the sign of a pathological neuron's output weight. */
export const gdKeepsPathologicalSign: Claim<PathologicalGd> = defineClaim({
  name: "gd-keeps-pathological-sign",
  statement:
    "With a scalar output, the output weight a_k of a pathological neuron (c_k < 0) keeps its sign under gradient descent with any step η (as it does under the flow).",
  tag: "false",
  arbitraries: [
    arbPathologicalProblem({ outputs: { max: 1 } }),
    arbRational({ maxNum: 16, maxDen: 2, sign: "positive" }),
    fc.integer({ min: 1, max: 2 }),
  ],
  predicate: (p, lr, steps) => {
    const { before, after } = signsAfterGd(p, lr, steps);
    return before.every((s, i) => s === after[i]);
  },
  witness: (p, lr, steps) => {
    const { before, after } = signsAfterGd(p, lr, steps);
    return {
      net: networkFile(p.net),
      data: datasetCsv(p.data),
      lr,
      steps,
      pathological: p.pathological,
      invariants: texts(neuronInvariants(inExact(p).net, exact)),
      signsBefore: before,
      signsAfter: after,
    };
  },
});

/** Theorem: a ReLU neuron that is off (z ≤ 0) on every point, kinks included, does not move under GD. */
export const deadReluFrozen: Claim<[Problem, number, string]> = defineClaim({
  name: "dead-relu-neuron-frozen",
  statement:
    "For ReLU (σ'(0) = 0), a hidden neuron with z_{k,i} ≤ 0 on every data point (here max_i z_{k,i} = 0 exactly, on the kink) has zero gradient: a GD step leaves w̃_k, a_k and c_k unchanged.",
  tag: "theorem",
  arbitraries: [arbProblem({ activations: ["relu"], hiddenBias: true, outputs: { max: 2 } }), fc.nat({ max: 2 }), lrArb],
  predicate: (p0, k0, lrText) => {
    const p = killNeuron(p0, k0);
    const k = k0 % hiddenAndOutput(p.net)[0].W.length;
    const { net, data } = inExact(p);
    const { next } = gdStep(net, data, exact.parse(lrText));
    const same = (a: Rational[], b: Rational[]): boolean => a.every((v, i) => exact.eq(v, at(b, i)));
    return (
      same(incoming(net, k), incoming(next, k)) &&
      same(outgoing(net, k), outgoing(next, k)) &&
      exact.eq(at(invariantsByDefinition(net), k), at(invariantsByDefinition(next), k))
    );
  },
  witness: (p0, k0, lr) => gdWitness(killNeuron(p0, k0), lr, { neuron: k0 % hiddenAndOutput(p0.net)[0].W.length }),
});

/** Sets b1[k] = −max_i w_k·x_i, so neuron k is off on every point and on the kink of one. */
function killNeuron(p: Problem, k0: number): Problem {
  const [hidden, output] = hiddenAndOutput(p.net);
  const k = k0 % hidden.W.length;
  const { net, data } = inExact(p);
  const w = at(hiddenAndOutput(net)[0].W, k);
  let top: Rational | undefined;
  for (const x of data.X) {
    const z = dot(exact, w, x);
    if (top === undefined || exact.cmp(z, top) > 0) top = z;
  }
  // arbProblem({ hiddenBias: true }) gives b1, and at least one data point gives a top.
  if (hidden.b === undefined || top === undefined) throw new InternalError("dead-relu-neuron-frozen needs a hidden bias and data");
  const kink = exact.toString(exact.neg(top));
  const b1 = hidden.b.map((v, j) => (j === k ? kink : v));
  return { net: { activation: p.net.activation, layers: [{ W: hidden.W, b: b1 }, output] }, data: p.data };
}
