import { InternalError } from "../errors.js";
import { floatLayerInvariants } from "../invariants/floatLayerInvariants.js";
import { layerInvariants } from "../invariants/layerInvariants.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import { exact, type Rational } from "../scalar/exact.js";
import { type LockedWeight, lockedWeights } from "./lockedWeights.js";
import { type SignCounts, signCounts } from "./signCounts.js";
import { splitNeurons } from "./splitNeurons.js";
import { at } from "../scalar/at.js";

/** One hidden layer's invariants and the two-layer classification of its neurons. */
export interface LayerTopology {
  /** The hidden layer, from 1 (the layer weight layer `layer` feeds). */
  layer: number;
  /** c_{layer,k} of every neuron, exact. */
  c: Rational[];
  /** Fan-in of its neurons (the previous width, + 1 with a bias) and fan-out (the next width). */
  dIn: number;
  e: number;
  /** How many c are < 0 (pathological in the sense of ‖outgoing‖ > ‖incoming‖), = 0 and > 0. */
  signs: SignCounts;
  /** Split neurons by the two-layer rule with these d_in and e (0-based): c < 0 with e = 1, c > 0 with d_in = 1. */
  pathological: number[];
  positiveSplit: number[];
}

/** The topology of the invariant set H(c) of a network of any depth: see {@link deepTopology}. */
export interface DeepTopology {
  /** Widths n_0 (inputs) … n_L (outputs). */
  widths: number[];
  layers: LayerTopology[];
  /** k: the weights a single split neuron locks (its one outgoing or one incoming weight), counted once each. */
  signLocked: number;
  /** 2^k, a lower bound on the number of components that needs only the single-neuron rule. */
  lowerBound: bigint;
  /** Every locked weight, found by the flow criterion of `lockedWeights`. */
  locked: LockedWeight[];
  /** True when `components` is the exact number of components; the theorem behind it covers every fully connected network. */
  exact: boolean;
  /** b₀(H(c)) = 2^{#locked}. */
  components: bigint;
  /** The component θ lies in: the signs (`+`/`-`) of the locked weights at θ, in the order of `locked`. */
  pattern: string;
}

/**
 * The components of the invariant set H(c(θ)) of a fully connected network of any depth, and the
 * one θ lies in. Every c_{l,k} depends on each parameter only through its square, so flipping the
 * sign of any one weight maps H(c) onto itself; a weight whose square is bounded below by a positive
 * number on H(c) keeps its sign on each component, and the 2^K sign patterns of the K locked weights
 * are exactly the components (proof in docs/deep-networks.md). With two weight layers the locked
 * weights are those of the pathological and positive-split neurons and the count is `componentCount`.
 *
 * @param net - the network θ, exact, or binary floats taken as the exact fractions they are
 * @param known - its c per hidden layer when already computed (`floatLayerInvariants` of a float file)
 * @returns per hidden layer the invariants and split neurons; k, 2^k, the locked weights, the exact count and θ's pattern
 * @example const net = { activation: { kind: "relu" }, layers: [[["1"]], [["1"]], [["1"]]].map((W) => ({ W: W.map((r) => r.map(exact.parse)) })) };
 * String(deepTopology(net).components)
 * // returns "1"
 */
export function deepTopology(net: LayeredNetwork<Rational | number>, known?: Rational[][]): DeepTopology {
  const { layers } = net;
  const widths = [at(layers, 0).W[0]?.length ?? 0, ...layers.map((x) => x.W.length)];
  // a float file's values are exact dyadics: their c are integer sums, and their signs those of the floats
  const floats = typeof layers[0]?.W[0]?.[0] === "number";
  const c =
    known ?? (floats ? floatLayerInvariants(net as LayeredNetwork<number>) : layerInvariants(net as LayeredNetwork<Rational>, exact));
  const single = new Set<string>();
  const rows: LayerTopology[] = c.map((row, i) => {
    const h = i + 1;
    const dIn = at(widths, h - 1) + (at(layers, h - 1).b !== undefined ? 1 : 0);
    const e = at(widths, h + 1);
    const split = splitNeurons(row, { dIn, e });
    for (const k of split.pathological) single.add(`${h + 1},0,${k}`);
    for (const k of split.positiveSplit) single.add(`${h},${k},0`);
    return { layer: h, c: row, dIn, e, signs: signCounts(row), pathological: split.pathological, positiveSplit: split.positiveSplit };
  });
  const locked = lockedWeights(net, c);
  const pattern = locked
    .map((w) => {
      const { W, b } = at(layers, w.layer - 1);
      const value = w.col < at(widths, w.layer - 1) ? at(at(W, w.row), w.col) : at(b ?? [], w.row);
      const s = typeof value === "number" ? Math.sign(value) : exact.sign(value);
      // |θ_p|² ≥ margin > 0 on H(c), and θ lies in H(c)
      if (s === 0) throw new InternalError(`locked weight W${w.layer}[${w.row},${w.col}] is zero`);
      return s > 0 ? "+" : "-";
    })
    .join("");
  return {
    widths,
    layers: rows,
    signLocked: single.size,
    lowerBound: 1n << BigInt(single.size),
    locked,
    exact: true,
    components: 1n << BigInt(locked.length),
    pattern,
  };
}
