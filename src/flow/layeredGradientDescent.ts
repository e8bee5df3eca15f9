import { InputError } from "../errors.js";
import { layerInvariants } from "../invariants/layerInvariants.js";
import type { Dataset } from "../net/readDataset.js";
import { lossAndGradient } from "../net/lossAndGradient.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import { loss } from "../net/loss.js";
import type { Scalar } from "../scalar/scalar.js";
import type { GradientDescentOptions, GradientDescentRun } from "./gradientDescent.js";

/** A gradient-descent run on a network of any depth; invariants are flat rows c_{1,·}, c_{2,·}, … as `layerInvariants(…).flat()`. */
export type LayeredGradientDescentRun<T> = Omit<GradientDescentRun<T>, "params" | "optimizer" | "batches"> & { params: LayeredNetwork<T> };

/**
 * Full-batch gradient descent θ ← θ − η∇L(θ) on a network of any depth in arithmetic `S`,
 * recording the loss and every hidden neuron's c_{l,k} at every step. The predicted drift of
 * c_{l,k} in one step is η²(‖g_w̃‖² − ‖g_a‖²) with g the gradient laid out like the network,
 * that is η² times `layerInvariants` of the gradient: the linear term vanishes by the rescaling
 * identity at every depth, so observed and predicted drift agree exactly in `exact`.
 *
 * @param net - the start θ_0 (at least two weight layers)
 * @param data - the data set, inputs of width n_0 and targets of width n_L
 * @returns the run; `invariants[t]` is the flat list of c_{l,k} at step t
 * @throws InputError when η ≤ 0 or the step count is not a non-negative integer, or for bce in exact arithmetic
 * @example const net = readAnyNetwork('{"layers": [{"W": [[1]]}, {"W": [[2]]}, {"W": [[1]]}], "activation": "linear"}');
 * const exactNet = { activation: net.activation, layers: net.layers.map(({ W }) => ({ W: W.map((r) => r.map(exact.parse)) })) };
 * layeredGradientDescent(exactNet, datasetIn(readDataset("x,y\n1,1\n", 1, 1), exact), exact, { lr: exact.parse("1/10"), steps: 2, loss: "mse" }).losses.length
 * // returns 3
 */
export function layeredGradientDescent<T>(
  net: LayeredNetwork<T>,
  data: Dataset<T>,
  S: Scalar<T>,
  options: GradientDescentOptions<T>,
): LayeredGradientDescentRun<T> {
  const { lr, steps } = options;
  if (S.sign(lr) <= 0) throw new InputError({ field: "lr", expected: "positive", value: S.toString(lr) });
  if (!Number.isSafeInteger(steps) || steps < 0)
    throw new InputError({ field: "steps", expected: "a non-negative integer", value: String(steps) });
  const lr2 = S.mul(lr, lr);
  let theta = net;
  let c = layerInvariants(theta, S).flat();
  const run: LayeredGradientDescentRun<T> = { params: theta, losses: [], invariants: [c], observedDrift: [], predictedDrift: [] };
  for (let t = 0; t < steps; t++) {
    const { loss: value, grad } = lossAndGradient(theta, data, S, options.loss);
    run.losses.push(value);
    theta = {
      activation: theta.activation,
      layers: theta.layers.map(({ W, b }, l) => {
        const g = grad.layers[l]!;
        return {
          W: W.map((row, r) => row.map((p, k) => S.sub(p, S.mul(lr, g.W[r]![k]!)))),
          b: b?.map((p, r) => S.sub(p, S.mul(lr, g.b![r]!))),
        };
      }),
    };
    const next = layerInvariants(theta, S).flat();
    run.observedDrift.push(next.map((v, k) => S.sub(v, c[k]!)));
    run.predictedDrift.push(
      layerInvariants(grad, S)
        .flat()
        .map((v) => S.mul(lr2, v)),
    );
    run.invariants.push(next);
    c = next;
    options.onStep?.(t + 1);
  }
  run.losses.push(loss(theta, data, S, options.loss));
  run.params = theta;
  return run;
}
