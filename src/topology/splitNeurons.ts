import type { Rational } from "../scalar/exact.js";
import type { QuadricDims } from "./checkDims.js";
import { neuronKind } from "./neuronKind.js";

/** The neurons that split H(c), by kind, as 0-based indices in order. */
export interface SplitNeurons {
  /** c_k < 0 with e = 1: the output weight a_k keeps its sign. */
  pathological: number[];
  /** c_k > 0 with d_in = 1: the single incoming weight keeps its sign. */
  positiveSplit: number[];
  /** Both lists merged in index order: the positions of a component's sign pattern. */
  all: number[];
}

/**
 * Finds the split neurons of H(c): those whose sphere is S⁰.
 *
 * @param c - the invariants c_k of the hidden neurons
 * @param dims - d_in and e of the quadrics
 * @returns their indices by kind, and all of them in index order
 * @example splitNeurons([exact.parse("-1"), exact.parse("2")], { dIn: 3, e: 1 }).all // returns [0]
 */
export function splitNeurons(c: readonly Rational[], dims: QuadricDims): SplitNeurons {
  const out: SplitNeurons = { pathological: [], positiveSplit: [], all: [] };
  c.forEach((v, k) => {
    const kind = neuronKind(v, dims);
    if (kind === "pathological") out.pathological.push(k);
    if (kind === "positiveSplit") out.positiveSplit.push(k);
    if (kind === "pathological" || kind === "positiveSplit") out.all.push(k);
  });
  return out;
}
