import type { Dataset } from "../../net/readDataset.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import type { LossKind } from "../../net/loss.js";
import { compileFixedLayeredNet, type FixedLayeredNet } from "../../net/kernels/fixedLayeredNet.js";
import { packNetwork } from "../../net/packNetwork.js";
import { parseRational } from "../../scalar/parseRational.js";
import { fixed, fixedBits } from "../../scalar/fixedPoint.js";
import { assertFlowMagnitudes } from "../assertFlowMagnitudes.js";

/**
 * A network and its data compiled to fixed point for the flow integrators, at a
 * precision chosen for the requested digits: what every integrator reads.
 *
 * @internal
 */
export type FlowProblem = FixedLayeredNet;

function magnitudeBits(values: string[]): number {
  let max = 1;
  for (const v of values) {
    const { num, den } = parseRational(v);
    const a = Math.abs(Number(num) / Number(den));
    if (Number.isFinite(a) && a > max) max = a;
  }
  return Math.ceil(Math.log2(max)) * 3;
}

/**
 * Compiles a network of any depth and a data set to fixed point with enough bits for `digits`
 * digits; a product of L weights needs about L times the bits of one, hence the depth factor
 * (1 for two weight layers).
 *
 * @throws InputError for a value too large for the integrators (see `assertFlowMagnitudes`)
 * @internal
 */
export function compileFlowProblem(
  net: LayeredNetwork<string>,
  data: Dataset<string>,
  digits: number,
  loss: LossKind,
): { problem: FlowProblem; theta0: bigint[] } {
  assertFlowMagnitudes(net, data);
  const all: string[] = [...packNetwork(net), ...data.X.flat(), ...data.Y.flat()];
  const depthFactor = Math.max(1, net.layers.length - 1);
  const F = fixed(fixedBits(digits, magnitudeBits(all) * depthFactor));
  const { net: problem, theta0 } = compileFixedLayeredNet(net, data, F, loss);
  return { problem, theta0 };
}
