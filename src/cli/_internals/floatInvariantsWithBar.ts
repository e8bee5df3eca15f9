import { floatLayerInvariants } from "../../invariants/floatLayerInvariants.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import type { Rational } from "../../scalar/exact.js";
import { progressBar } from "../progress.js";

/** Seconds per parameter of the exact c of a float file, whole process (measured on a 784-4096-2048-10 chain). */
const SECONDS_PER_FLOAT_PARAMETER = 3e-7;

/**
 * The exact c of every hidden neuron of a float file (`floatLayerInvariants`), with a progress
 * bar and ETA on a terminal when the file is large enough to take seconds (10 million parameters).
 *
 * @param floats - the network as the floats its file stores
 * @param label - the command, shown before the bar
 * @returns one row of c per hidden layer
 * @internal
 */
export function floatInvariantsWithBar(floats: LayeredNetwork<number>, label: string): Rational[][] {
  const { layers } = floats;
  const neurons = layers.slice(0, -1).reduce((s, x) => s + x.W.length, 0);
  const parameters = layers.reduce((s, x) => s + x.W.length * (x.W[0]?.length ?? 0) + (x.b?.length ?? 0), 0);
  const bar = progressBar(neurons, label, parameters * SECONDS_PER_FLOAT_PARAMETER);
  const rows = floatLayerInvariants(floats, (done) => bar.update(done));
  bar.stop();
  return rows;
}
