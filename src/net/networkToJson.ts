import { activationName } from "./activationName.js";
import type { Scalar } from "../scalar/scalar.js";
import type { LayeredNetwork } from "./layeredNetwork.js";
import { mapNetwork } from "./mapNetwork.js";

/**
 * Prints every parameter in the canonical text of `S`: the `params` object of
 * JSON output, or, with `withActivation`, a network file other commands read.
 * A network of two weight layers prints as `W1`, `b1`, `W2`, `b2` (the two-layer
 * file form, PyTorch shapes), a deeper one, or one with a convolution, a batch normalisation or a
 * pooling, as `{ layers: [{ W, b?, conv?, norm?, pool? }, …], input? }` (what `readAnyNetwork` reads back).
 *
 * @example networkToJson({ activation: { kind: "relu" }, layers: [{ W: [[1]] }, { W: [[2]], b: [3] }] }, float) // returns { W1: [["1"]], W2: [["2"]], b2: ["3"] }
 */
export function networkToJson<T>(net: LayeredNetwork<T>, S: Pick<Scalar<T>, "toString">, withActivation = false): Record<string, unknown> {
  const out = mapNetwork(net, (v) => S.toString(v));
  const json: Record<string, unknown> = withActivation ? { activation: activationName(net.activation) } : {};
  // a convolution, a normalisation or a pooling has no place in the two-layer form
  if (out.layers.length !== 2 || out.input !== undefined || out.layers.some((l) => l.conv || l.norm || l.pool)) {
    json.layers = out.layers.map(({ W, b, conv, norm, pool }) => ({
      W,
      ...(b && { b }),
      ...(conv && { conv: { ...conv } }),
      ...(norm && { norm: { ...norm } }),
      ...(pool && { pool: { ...pool } }),
    }));
    if (out.input !== undefined) json.input = { ...out.input };
    return json;
  }
  const [first, second] = out.layers as [(typeof out.layers)[0], (typeof out.layers)[0]];
  json.W1 = first.W;
  if (first.b) json.b1 = first.b;
  json.W2 = second.W;
  if (second.b) json.b2 = second.b;
  return json;
}
