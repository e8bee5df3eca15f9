import type { LayeredNetwork } from "../net/layeredNetwork.js";
import { floatLayerInvariants } from "../invariants/floatLayerInvariants.js";
import { layerInvariants } from "../invariants/layerInvariants.js";
import { exact, type Rational } from "../scalar/exact.js";
import { at } from "../scalar/at.js";

/**
 * A weight whose sign is the same at every point of the invariant set H(c): |θ_p|² ≥ `margin` > 0
 * there, so it never crosses zero along gradient flow (docs/deep-networks.md, "Topology of a deep network").
 */
export interface LockedWeight {
  /** The weight layer it belongs to, from 1 (W_1 … W_L). */
  layer: number;
  /** Its row in W_layer (0-based): the neuron it feeds. */
  row: number;
  /** Its column (0-based): the unit it reads; the column n_{layer−1} is the bias, as in W̃ = [W | b]. */
  col: number;
  /** A proven lower bound on its square over all of H(c): the largest c(X) of a witness set X. */
  margin: Rational;
  /**
   * The hidden neurons of the witness, `[hidden layer from 1, neuron from 0]`: the set X whose only
   * entering edge (`incoming`) or only leaving edge (`outgoing`) is this weight.
   */
  witness: [number, number][];
  /** Whether X lies downstream of the weight (its only entering edge) or upstream (its only leaving edge). */
  side: "incoming" | "outgoing";
  /**
   * True when a single neuron already locks it: a pathological neuron (c < 0, one outgoing weight) or a
   * positive-split one (c > 0, one incoming weight), the rule of two layers.
   */
  singleNeuron: boolean;
}

/**
 * Every weight whose sign is locked on the invariant set H(c) = {θ : c_{l,k}(θ) = c_{l,k}} of a
 * fully connected network of any depth, with a proven margin, in the order (layer, row, col).
 *
 * Each c_{l,k} is a ±1 combination of squared parameters, so H(c) is the preimage of the convex
 * polyhedron S = {s ≥ 0 : A s = c} under θ ↦ (θ_p²), and S is the set of non-negative flows on the
 * network's graph (inputs, biases and outputs merged into one free node) in which hidden neuron
 * (l, k) absorbs c_{l,k}. A weight p is locked exactly when no flow of S has s_p = 0; by Gale's
 * feasibility theorem for uncapacitated flows that happens exactly when removing p leaves a set X of
 * hidden neurons with no entering edge and c(X) > 0, or none leaving and c(X) < 0. In a layered
 * complete graph such an X is a neuron of fan-in 1 followed by whole later layers while the first
 * layer has width 1 and later layers have no bias (or, upstream, a neuron of fan-out 1 preceded by
 * whole earlier layers while its layer has width 1); the best such X is found layer by layer.
 *
 * @param net - the network, exact, or binary floats taken as the exact fractions they are (any depth)
 * @param known - its c per hidden layer when already computed (only the shapes of `net` are read then)
 * @returns the locked weights with their margins and witnesses
 * @example const net = { activation: { kind: "relu" }, layers: [{ W: [[exact.parse("1")]] }, { W: [[exact.parse("2")]] }] };
 * lockedWeights(net).map((w) => [w.layer, w.row, w.col, exact.toString(w.margin)])
 * // returns [[2, 0, 0, "3"]]
 */
export function lockedWeights(net: LayeredNetwork<Rational | number>, known?: Rational[][]): LockedWeight[] {
  const { layers } = net;
  const L = layers.length;
  // c[h − 1] for hidden layer h; a float file's values are exact dyadics, summed as integers
  const c =
    known ??
    (typeof layers[0]?.W[0]?.[0] === "number"
      ? floatLayerInvariants(net as LayeredNetwork<number>)
      : layerInvariants(net as LayeredNetwork<Rational>, exact));
  // widths n[0 … L] and whether weight layer h has a bias
  const n = [at(layers, 0).W[0]?.length ?? 0, ...layers.map((x) => x.W.length)];
  const bias = [false, ...layers.map((x) => x.b !== undefined)];
  const sum = (row: readonly Rational[], keep: (s: number) => boolean): Rational =>
    row.reduce((s, v) => (keep(exact.sign(v)) ? exact.add(s, v) : s), exact.zero);
  const found = new Map<string, LockedWeight>();
  const add = (w: LockedWeight): void => {
    const key = `${w.layer},${w.row},${w.col}`;
    const old = found.get(key);
    if (old === undefined || exact.cmp(w.margin, old.margin) > 0)
      found.set(key, { ...w, singleNeuron: w.singleNeuron || (old?.singleNeuron ?? false) });
    else if (w.singleNeuron) old.singleNeuron = true;
  };
  for (let h = 1; h < L; h++) {
    const row = at(c, h - 1);
    // Downstream witnesses: neuron (h, k) of fan-in 1, then whole later hidden layers without a bias.
    if (at(n, h - 1) + (bias[h] ? 1 : 0) === 1) {
      for (let k = 0; k < at(n, h); k++) {
        let best = at(row, k);
        let bestDepth = h;
        if (n[h] === 1) {
          let running = at(row, k);
          for (let j = h + 1; j < L && !bias[j]; j++) {
            const value = exact.add(
              running,
              sum(at(c, j - 1), (s) => s > 0),
            );
            if (exact.cmp(value, best) > 0) [best, bestDepth] = [value, j];
            running = exact.add(
              running,
              sum(at(c, j - 1), () => true),
            );
          }
        }
        if (exact.sign(best) > 0) {
          const witness: [number, number][] = [[h, k]];
          for (let j = h + 1; j <= bestDepth; j++)
            at(c, j - 1).forEach((v, i) => {
              if (j < bestDepth || exact.sign(v) > 0) witness.push([j, i]);
            });
          // the single incoming edge: W_h[k][0], or the bias when the layer reads no unit
          add({ layer: h, row: k, col: 0, margin: best, witness, side: "incoming", singleNeuron: exact.sign(at(row, k)) > 0 });
        }
      }
    }
    // Upstream witnesses: neuron (h, k) of fan-out 1, then whole earlier hidden layers.
    if (n[h + 1] === 1) {
      for (let k = 0; k < at(n, h); k++) {
        let worst = at(row, k);
        let worstDepth = h;
        if (n[h] === 1) {
          let running = at(row, k);
          for (let j = h - 1; j >= 1; j--) {
            const value = exact.add(
              running,
              sum(at(c, j - 1), (s) => s < 0),
            );
            if (exact.cmp(value, worst) < 0) [worst, worstDepth] = [value, j];
            running = exact.add(
              running,
              sum(at(c, j - 1), () => true),
            );
          }
        }
        if (exact.sign(worst) < 0) {
          const witness: [number, number][] = [[h, k]];
          for (let j = h - 1; j >= worstDepth; j--)
            at(c, j - 1).forEach((v, i) => {
              if (j > worstDepth || exact.sign(v) < 0) witness.push([j, i]);
            });
          add({
            layer: h + 1,
            row: 0,
            col: k,
            margin: exact.neg(worst),
            witness,
            side: "outgoing",
            singleNeuron: exact.sign(at(row, k)) < 0,
          });
        }
      }
    }
  }
  return [...found.values()].sort((a, b) => a.layer - b.layer || a.row - b.row || a.col - b.col);
}
