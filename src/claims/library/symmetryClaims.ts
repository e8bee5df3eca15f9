import fc from "fast-check";
import { at } from "../../scalar/at.js";
import { hiddenAndOutput } from "../_internals/hiddenAndOutput.js";
import { neuronInvariants } from "../../invariants/neuronInvariants.js";
import { dot } from "../../net/dot.js";
import { exact, type Rational } from "../../scalar/exact.js";
import { arbProblem, type Problem } from "../arbitraries/arbProblem.js";
import { arbRational } from "../arbitraries/arbRational.js";
import type { Claim } from "../claim.js";
import { defineClaim } from "../defineClaim.js";
import { datasetCsv } from "../datasetCsv.js";
import { networkFile } from "../networkFile.js";
import {
  gdStep,
  incoming,
  inExact,
  outgoing,
  outputs,
  permutationFromKeys,
  permuteNeurons,
  rescaleNeurons,
  sameMatrix,
  toText,
} from "../_internals/exactHelpers.js";

const MAX_WIDTH = 3;
const lambdasArb = fc.array(arbRational({ maxNum: 4, maxDen: 3, sign: "positive" }), { minLength: MAX_WIDTH, maxLength: MAX_WIDTH });
const lrArb = arbRational({ maxNum: 4, maxDen: 8, sign: "positive" });

function lambdasFor(p: Problem, lambdas: readonly string[]): Rational[] {
  return hiddenAndOutput(p.net)[0].W.map((_, k) => exact.parse(at(lambdas, k)));
}

/** Theorem: rescaling neurons leaves f unchanged and moves c_k to λ²‖w̃_k‖² − ‖a_k‖²/λ². */
export const rescalingPreservesFunction: Claim<[Problem, string[]]> = defineClaim({
  name: "rescaling-preserves-function",
  statement:
    "Rescaling hidden neurons, (w̃_k, a_k) ↦ (λ_k w̃_k, a_k/λ_k) with λ_k > 0, leaves f(x) unchanged at every data point, and sends c_k to λ_k²‖w̃_k‖² − ‖a_k‖²/λ_k².",
  tag: "theorem",
  arbitraries: [arbProblem({ outputs: { max: 2 }, width: { max: MAX_WIDTH } }), lambdasArb],
  predicate: (p, lambdaTexts) => {
    const { net, data } = inExact(p);
    const lambdas = lambdasFor(p, lambdaTexts);
    const moved = rescaleNeurons(net, lambdas);
    if (!sameMatrix(outputs(net, data), outputs(moved, data))) return false;
    const c = neuronInvariants(moved, exact);
    return hiddenAndOutput(net)[0].W.every((_, k) => {
      const l2 = exact.mul(at(lambdas, k), at(lambdas, k));
      const w = incoming(net, k);
      const a = outgoing(net, k);
      return exact.eq(at(c, k), exact.sub(exact.mul(l2, dot(exact, w, w)), exact.div(dot(exact, a, a), l2)));
    });
  },
});

/** Theorem: permuting hidden neurons leaves f unchanged and permutes c. */
export const permutationPreservesFunction: Claim<[Problem, number[]]> = defineClaim({
  name: "permutation-preserves-function",
  statement:
    "Permuting the hidden neurons (rows of W1 and b1, columns of W2 together) leaves f(x) unchanged at every data point and permutes the vector c the same way.",
  tag: "theorem",
  arbitraries: [
    arbProblem({ outputs: { max: 2 }, width: { max: MAX_WIDTH } }),
    fc.array(fc.nat({ max: 9 }), { minLength: MAX_WIDTH, maxLength: MAX_WIDTH }),
  ],
  predicate: (p, keys) => {
    const { net, data } = inExact(p);
    const perm = permutationFromKeys(keys, hiddenAndOutput(net)[0].W.length);
    const moved = permuteNeurons(net, perm);
    const c = neuronInvariants(net, exact);
    const cMoved = neuronInvariants(moved, exact);
    return sameMatrix(outputs(net, data), outputs(moved, data)) && perm.every((from, k) => exact.eq(at(cMoved, k), at(c, from)));
  },
});

/** False: one GD step from functionally identical (rescaled) networks gives the same function. */
export const gdCommutesWithRescaling: Claim<[Problem, string[], string]> = defineClaim({
  name: "gd-commutes-with-rescaling",
  statement:
    "Gradient descent only sees the function: one step from θ and one from a rescaled copy of θ (the same f) give networks with the same outputs on the data.",
  tag: "false",
  arbitraries: [arbProblem({ width: { max: MAX_WIDTH } }), lambdasArb, lrArb],
  predicate: (p, lambdaTexts, lrText) => {
    const { net, data } = inExact(p);
    const lr = exact.parse(lrText);
    const moved = rescaleNeurons(net, lambdasFor(p, lambdaTexts));
    return sameMatrix(outputs(gdStep(net, data, lr).next, data), outputs(gdStep(moved, data, lr).next, data));
  },
  witness: (p, lambdaTexts, lr) => {
    const { net, data } = inExact(p);
    const moved = rescaleNeurons(net, lambdasFor(p, lambdaTexts));
    const f = (n: typeof net): string[][] => outputs(gdStep(n, data, exact.parse(lr)).next, data).map((r) => r.map(exact.toString));
    return {
      net: networkFile(p.net),
      rescaledNet: networkFile(toText(moved)),
      data: datasetCsv(p.data),
      lr,
      steps: 1,
      lambdas: lambdaTexts.slice(0, hiddenAndOutput(p.net)[0].W.length),
      outputsAfterStep: f(net),
      rescaledOutputsAfterStep: f(moved),
    };
  },
});
