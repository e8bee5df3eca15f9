import { datasetIn } from "../../net/datasetIn.js";
import { networkIn } from "../../net/networkIn.js";
import { decimal, type DecimalValue } from "../../scalar/decimal.js";
import { exact, type Rational } from "../../scalar/exact.js";
import type { Scalar } from "../../scalar/scalar.js";
import { arbProblem, type Problem } from "../arbitraries/arbProblem.js";
import type { Claim } from "../claim.js";
import { defineClaim } from "../defineClaim.js";
import { datasetCsv } from "../datasetCsv.js";
import { networkFile } from "../networkFile.js";
import { invariantRates, type CustomActivation } from "../_internals/customActivation.js";

/** σ(z) = z + z²: smooth, rational, and not positively homogeneous (σ(λz) ≠ λσ(z)). */
const quadratic: CustomActivation<Rational> = {
  sigma: (z) => exact.add(z, exact.mul(z, z)),
  dsigma: (z) => exact.add(exact.one, exact.add(z, z)),
};

const DIGITS = 40;
/** Rates below this are taken as rounding noise at 40 digits. */
const TANH_NOISE = "1e-25";

function tanhAt<T>(S: Scalar<T>): CustomActivation<T> {
  const tanh = (z: T): T => {
    const e2 = S.exp(S.add(z, z));
    return S.div(S.sub(e2, S.one), S.add(e2, S.one));
  };
  return { sigma: tanh, dsigma: (z) => S.sub(S.one, S.mul(tanh(z), tanh(z))) };
}

// The network file carries no activation (relutopo networks are homogeneous, so it
// reads as relu); `sigma` names the activation the claim is about.
function witness(p: Problem, sigma: string, rates: string[]): Record<string, unknown> {
  const weights = networkFile(p.net);
  delete weights.activation;
  return { net: weights, data: datasetCsv(p.data), sigma, invariantRates: rates };
}

function quadraticRates(p: Problem): Rational[] {
  return invariantRates(networkIn(p.net, exact), datasetIn(p.data, exact), exact, quadratic);
}

function tanhRates(p: Problem): DecimalValue[] {
  const S = decimal(DIGITS);
  return invariantRates(networkIn(p.net, S), datasetIn(p.data, S), S, tanhAt(S));
}

/** False: a non-homogeneous polynomial activation conserves c_k. */
export const polynomialActivationConservesC: Claim<[Problem]> = defineClaim({
  name: "quadratic-activation-conserves-c",
  statement:
    "With the smooth non-homogeneous activation σ(z) = z + z² (a rational stand-in for sigmoid/tanh), c_k = ‖w̃_k‖² − ‖a_k‖² is still conserved along the gradient flow: dc_k/dt = 0 exactly at every θ.",
  tag: "false",
  arbitraries: [arbProblem({ activations: ["linear"], kinks: false })],
  predicate: (p) => quadraticRates(p).every((r) => exact.sign(r) === 0),
  witness: (p) => witness(p, "z + z^2", quadraticRates(p).map(exact.toString)),
});

/** False: tanh conserves c_k. */
export const tanhConservesC: Claim<[Problem]> = defineClaim({
  name: "tanh-conserves-c",
  statement: `With σ = tanh, c_k = ‖w̃_k‖² − ‖a_k‖² is conserved along the gradient flow: |dc_k/dt| < ${TANH_NOISE} at every θ, computed at ${DIGITS} digits.`,
  tag: "false",
  arbitraries: [arbProblem({ activations: ["linear"], kinks: false })],
  predicate: (p) => {
    const S = decimal(DIGITS);
    const noise = S.parse(TANH_NOISE);
    return tanhRates(p).every((r) => S.cmp(S.abs(r), noise) < 0);
  },
  witness: (p) =>
    witness(
      p,
      "tanh",
      tanhRates(p).map((v) => decimal(DIGITS).toString(v)),
    ),
});
