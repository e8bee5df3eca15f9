import { linearLayerInvariants } from "../../invariants/linearLayerInvariants.js";
import { at } from "../../scalar/at.js";
import { hiddenAndOutput } from "../_internals/hiddenAndOutput.js";
import { lossAndGradient } from "../../net/lossAndGradient.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { exact, type Rational } from "../../scalar/exact.js";
import { arbProblem, type Problem } from "../arbitraries/arbProblem.js";
import { arbRational } from "../arbitraries/arbRational.js";
import type { Claim } from "../claim.js";
import { defineClaim } from "../defineClaim.js";
import { datasetCsv } from "../datasetCsv.js";
import { networkFile } from "../networkFile.js";
import { gdStep, incoming, inExact, outgoing, sameMatrix } from "../_internals/exactHelpers.js";

type Matrix = Rational[][];

/** Σ_m u_k[m] v_j[m] over rows of W̃1-like layouts (k, j neurons). */
function gramIn(u: LayeredNetwork<Rational>, v: LayeredNetwork<Rational>): Matrix {
  return hiddenAndOutput(u)[0].W.map((_, k) =>
    hiddenAndOutput(v)[0].W.map((__, j) =>
      incoming(u, k).reduce((s, x, m) => exact.add(s, exact.mul(x, at(incoming(v, j), m))), exact.zero),
    ),
  );
}

/** Σ_i u_ik v_ij over columns of W2-like layouts. */
function gramOut(u: LayeredNetwork<Rational>, v: LayeredNetwork<Rational>): Matrix {
  return hiddenAndOutput(u)[0].W.map((_, k) =>
    hiddenAndOutput(v)[0].W.map((__, j) =>
      outgoing(u, k).reduce((s, x, i) => exact.add(s, exact.mul(x, at(outgoing(v, j), i))), exact.zero),
    ),
  );
}

const zipMatrices = (a: Matrix, b: Matrix, f: (x: Rational, y: Rational) => Rational): Matrix =>
  a.map((r, i) => {
    const other = at(b, i);
    return r.map((x, j) => f(x, at(other, j)));
  });
const add = (a: Matrix, b: Matrix): Matrix => zipMatrices(a, b, exact.add);
const sub = (a: Matrix, b: Matrix): Matrix => zipMatrices(a, b, exact.sub);
const texts = (m: Matrix): string[][] => m.map((r) => r.map(exact.toString));

/**
 * dM/dt along θ' = −g for M = W̃1W̃1ᵀ − W2ᵀW2: −(G̃1W̃1ᵀ + W̃1G̃1ᵀ) + (G2ᵀW2 + W2ᵀG2).
 * Computed from the gradient, independently of src/invariants.
 */
function matrixRate(p: Problem): Matrix {
  const { net, data } = inExact(p);
  const { grad } = lossAndGradient(net, data, exact, "mse");
  const inPart = add(gramIn(grad, net), gramIn(net, grad));
  const outPart = add(gramOut(grad, net), gramOut(net, grad));
  return sub(outPart, inPart);
}

const zero = (m: Matrix): boolean => m.every((r) => r.every((x) => exact.sign(x) === 0));

/** Theorem: for linear nets dM/dt = 0 along the flow (M = W̃1W̃1ᵀ − W2ᵀW2). */
export const linearFlowConservesMatrix: Claim<[Problem]> = defineClaim({
  name: "linear-flow-conserves-matrix",
  statement:
    "For a linear activation, the whole matrix M = W̃1W̃1ᵀ − W2ᵀW2 (W̃1 = [W1 | b1]) is conserved along the gradient flow: dM/dt = −(G̃1W̃1ᵀ + W̃1G̃1ᵀ) + (G2ᵀW2 + W2ᵀG2) = 0 at every θ.",
  tag: "theorem",
  arbitraries: [arbProblem({ activations: ["linear"], outputs: { max: 2 }, width: { max: 3 } })],
  predicate: (p) => zero(matrixRate(p)),
});

/** Theorem: for linear nets one exact GD step changes M by exactly η²(G̃1G̃1ᵀ − G2ᵀG2). */
export const linearGdMatrixDrift: Claim<[Problem, string]> = defineClaim({
  name: "linear-gd-matrix-drift",
  statement:
    "For a linear activation, one exact gradient-descent step changes M = W̃1W̃1ᵀ − W2ᵀW2 by exactly η²(G̃1G̃1ᵀ − G2ᵀG2), the matrix analogue of the c_k drift.",
  tag: "theorem",
  arbitraries: [
    arbProblem({ activations: ["linear"], outputs: { max: 2 }, width: { max: 3 } }),
    arbRational({ maxNum: 4, maxDen: 8, sign: "positive" }),
  ],
  predicate: (p, lrText) => {
    const { net, data } = inExact(p);
    const lr = exact.parse(lrText);
    const { next, grad } = gdStep(net, data, lr);
    const observed = sub(at(linearLayerInvariants(next, exact), 0), at(linearLayerInvariants(net, exact), 0));
    const lr2 = exact.mul(lr, lr);
    const predicted = sub(gramIn(grad, grad), gramOut(grad, grad)).map((r) => r.map((x) => exact.mul(lr2, x)));
    return sameMatrix(observed, predicted);
  },
});

/** False: a ReLU net conserves the whole matrix too. */
export const reluFlowConservesMatrix: Claim<[Problem]> = defineClaim({
  name: "relu-flow-conserves-matrix",
  statement:
    "For a ReLU activation the whole matrix W̃1W̃1ᵀ − W2ᵀW2 (not only its diagonal c_k) is conserved along the gradient flow: dM/dt = 0 at every θ.",
  tag: "false",
  arbitraries: [arbProblem({ activations: ["relu"], width: { max: 3 } })],
  predicate: (p) => zero(matrixRate(p)),
  witness: (p) => ({
    net: networkFile(p.net),
    data: datasetCsv(p.data),
    matrix: texts(at(linearLayerInvariants(inExact(p).net, exact), 0)),
    matrixRate: texts(matrixRate(p)),
  }),
});
