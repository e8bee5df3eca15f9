import { InternalError } from "../../errors.js";
import type { Layer, LayeredNetwork } from "../../net/layeredNetwork.js";

/**
 * @internal The two layers of a one-hidden-layer network, as a pair the type
 * system can index: the claims about one hidden layer are stated on the
 * networks their arbitraries make, so a different depth is a bug here.
 */
export function hiddenAndOutput<T>(net: LayeredNetwork<T>): readonly [Layer<T>, Layer<T>] {
  const [hidden, output, ...rest] = net.layers;
  if (hidden === undefined || output === undefined || rest.length > 0)
    throw new InternalError(`a network with one hidden layer was expected, got ${net.layers.length} layers`);
  return [hidden, output];
}
