import { gradientDescent } from "../flow/gradientDescent.js";
import { neuronInvariants } from "../invariants/neuronInvariants.js";
import { datasetIn } from "../net/datasetIn.js";
import { layoutOf } from "../net/layoutOf.js";
import { packNetwork } from "../net/packNetwork.js";
import { at } from "../scalar/at.js";
import { decimal } from "../scalar/decimal.js";
import { exact } from "../scalar/exact.js";
import { toyNetwork } from "./_internals/toyNetwork.js";
import type { ToyConfig } from "./reproduceConfig.js";
import { TOY_DATA, type ToyStart } from "./toyProblem.js";

/** A point of a toy trajectory: time and each neuron's (w, b, a), as floats for plotting. */
export interface ToyPoint {
  t: number;
  loss: number;
  neurons: [number, number, number][];
}

/** The gradient-descent cell of one toy start. */
export interface ToyGdCell {
  start: ToyStart;
  arith: string;
  /** c_k at the start, exact. */
  c0: string[];
  /** c_k after the last step, and max_t |c_k(t) − c_k(0)| (GD does not conserve c_k). */
  cT: string[];
  maxInvariantDrift: string;
  /** max over steps and k of |observed drift − η²(‖g_w‖² − ‖g_a‖²)|: zero up to the arithmetic's rounding. */
  maxDriftIdentityError: string;
  loss0: string;
  lossT: string;
  /** Output-weight signs at the start and the end, and the neurons whose sign ever changed. */
  signs0: number[];
  signsT: number[];
  signChanges: number[];
  trajectory: ToyPoint[];
}

/**
 * Runs gradient descent on the toy problem from one start in decimal arithmetic,
 * through the library's `gradientDescent`, whose record gives the invariants and
 * their observed and predicted drift at every step. Exact rationals would be
 * exact but their denominators grow geometrically (500 steps would take hours);
 * 50-digit decimals keep every number to 50 digits and let the report check the
 * drift identity c(θ − ηg) − c(θ) = η²(‖g_w‖² − ‖g_a‖²) to ~1e−48, which float could not.
 *
 * @param config - the toy configuration (steps, η, digits)
 * @param start - which start
 * @returns losses, invariants and their drift, sign changes and the sampled trajectory
 */
export function toyGradientDescent(config: ToyConfig, start: ToyStart): ToyGdCell {
  const S = decimal(config.gdDigits);
  const lr = S.parse(config.lr);
  const lrNumber = S.toNumber(lr);
  const net = toyNetwork(start, S);
  const L = layoutOf(net);
  // The toy net is 1 → l → 1 with a hidden bias: neuron k's w_k, b_k and a_k sit at offset + k of θ.
  const [w, b, a, l] = [at(L.weightOffset, 0), at(L.biasOffset, 0), at(L.weightOffset, 1), at(L.widths, 1)];
  // (w_k, b_k, a_k) of every neuron at each step, as floats for plotting.
  const neurons = (theta: readonly ReturnType<typeof S.parse>[]): [number, number, number][] =>
    Array.from({ length: l }, (_, k) => [S.toNumber(at(theta, w + k)), S.toNumber(at(theta, b + k)), S.toNumber(at(theta, a + k))]);
  const signs = (theta: readonly ReturnType<typeof S.parse>[]): number[] => Array.from({ length: l }, (_, k) => S.sign(at(theta, a + k)));
  const first = packNetwork(net);
  const path = [neurons(first)];
  const signs0 = signs(first);
  let signsT = signs0;
  const changed = new Set<number>();
  const run = gradientDescent(net, datasetIn(TOY_DATA, S), S, {
    lr,
    steps: config.steps,
    loss: "mse",
    onStep: (_t, theta) => {
      path.push(neurons(theta));
      signsT = signs(theta);
      signsT.forEach((s, k) => {
        if (s !== signs0[k]) changed.add(k);
      });
    },
  });
  const c0 = at(run.invariants, 0);
  let maxDrift = S.zero;
  let maxIdentityError = S.zero;
  const larger = (x: ReturnType<typeof S.parse>, y: ReturnType<typeof S.parse>) => (S.cmp(x, y) > 0 ? x : y);
  for (const row of run.invariants) for (const [k, v] of row.entries()) maxDrift = larger(S.abs(S.sub(v, at(c0, k))), maxDrift);
  for (const [t, row] of run.observedDrift.entries()) {
    const predicted = at(run.predictedDrift, t);
    for (const [k, v] of row.entries()) maxIdentityError = larger(S.abs(S.sub(v, at(predicted, k))), maxIdentityError);
  }
  return {
    start,
    arith: S.name,
    c0: neuronInvariants(toyNetwork(start, exact), exact).map((v) => exact.toString(v)),
    cT: run.invariants.at(-1)!.map((v) => S.toString(v)),
    maxInvariantDrift: S.toString(maxDrift),
    maxDriftIdentityError: S.toString(maxIdentityError),
    loss0: S.toString(at(run.losses, 0)),
    lossT: S.toString(run.losses.at(-1)!),
    signs0,
    signsT,
    signChanges: [...changed].sort((x, y) => x - y),
    trajectory: path.map((p, t) => ({ t: t * lrNumber, loss: S.toNumber(at(run.losses, t)), neurons: p })),
  };
}
