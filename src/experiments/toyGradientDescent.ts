import { predictedGdDrift } from "../invariants/predictedGdDrift.js";
import { neuronInvariants } from "../invariants/neuronInvariants.js";
import { datasetIn } from "../net/datasetIn.js";
import { lossAndGradient } from "../net/lossAndGradient.js";
import { loss } from "../net/loss.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import { networkIn } from "../net/networkIn.js";
import { zipNetworks } from "../net/zipNetworks.js";
import { layoutOf } from "../net/layoutOf.js";
import { packNetwork } from "../net/packNetwork.js";
import { decimal } from "../scalar/decimal.js";
import { exact } from "../scalar/exact.js";
import type { ToyConfig } from "./reproduceConfig.js";
import { TOY_DATA, TOY_NETS, type ToyStart } from "./toyProblem.js";

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
 * Runs gradient descent on the toy problem from one start in decimal arithmetic.
 * Exact rationals would be exact but their denominators grow geometrically (500
 * steps would take hours); 50-digit decimals keep every number to 50 digits and
 * let the report check the drift identity c(θ − ηg) − c(θ) = η²(‖g_w‖² − ‖g_a‖²)
 * to ~1e−48, which float could not.
 *
 * @param config - the toy configuration (steps, η, digits)
 * @param start - which start
 * @returns losses, invariants and their drift, sign changes and the sampled trajectory
 */
export function toyGradientDescent(config: ToyConfig, start: ToyStart): ToyGdCell {
  const S = decimal(config.gdDigits);
  const data = datasetIn(TOY_DATA, S);
  const lr = S.parse(config.lr);
  const lrNumber = S.toNumber(lr);
  let theta: LayeredNetwork<ReturnType<typeof S.parse>> = networkIn(TOY_NETS[start], S);
  const c0 = neuronInvariants(theta, S);
  const signs0 = theta.layers[1]!.W[0]!.map((a) => S.sign(a));
  const changed = new Set<number>();
  let maxDrift = S.zero;
  let maxIdentityError = S.zero;
  const point = (t: number, value: ReturnType<typeof S.parse>): ToyPoint => ({
    t: t * lrNumber,
    loss: S.toNumber(value),
    neurons: theta.layers[0]!.W.map(
      (w, k) =>
        [S.toNumber(w[0]!), S.toNumber(theta.layers[0]!.b![k]!), S.toNumber(theta.layers[1]!.W[0]![k]!)] as [number, number, number],
    ),
  });
  const trajectory: ToyPoint[] = [];
  let c = c0;
  let loss0 = S.zero;
  for (let t = 0; t < config.steps; t++) {
    const { loss: value, grad } = lossAndGradient(theta, data, S, "mse");
    if (t === 0) loss0 = value;
    trajectory.push(point(t, value));
    const predicted = predictedGdDrift(layoutOf(grad), packNetwork(grad), lr, S);
    theta = zipNetworks(theta, grad, (p, g) => S.sub(p, S.mul(lr, g)));
    const next = neuronInvariants(theta, S);
    next.forEach((v, k) => {
      const err = S.abs(S.sub(S.sub(v, c[k]!), predicted[k]!));
      if (S.cmp(err, maxIdentityError) > 0) maxIdentityError = err;
      const drift = S.abs(S.sub(v, c0[k]!));
      if (S.cmp(drift, maxDrift) > 0) maxDrift = drift;
    });
    c = next;
    theta.layers[1]!.W[0]!.forEach((a, k) => {
      if (S.sign(a) !== signs0[k]) changed.add(k);
    });
  }
  const lossT = loss(theta, data, S, "mse");
  trajectory.push(point(config.steps, lossT));
  return {
    start,
    arith: S.name,
    c0: neuronInvariants(networkIn(TOY_NETS[start], exact), exact).map((v) => exact.toString(v)),
    cT: c.map((v) => S.toString(v)),
    maxInvariantDrift: S.toString(maxDrift),
    maxDriftIdentityError: S.toString(maxIdentityError),
    loss0: S.toString(loss0),
    lossT: S.toString(lossT),
    signs0,
    signsT: theta.layers[1]!.W[0]!.map((a) => S.sign(a)),
    signChanges: [...changed].sort((a, b) => a - b),
    trajectory,
  };
}
