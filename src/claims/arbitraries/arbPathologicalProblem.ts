import fc from "fast-check";
import { at } from "../../scalar/at.js";
import { hiddenAndOutput } from "../_internals/hiddenAndOutput.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { exact } from "../../scalar/exact.js";
import { arbProblem, type Problem, type ProblemConstraints } from "./arbProblem.js";
import { arbRational } from "./arbRational.js";

/** A problem whose neurons listed in `pathological` have c_k < 0 by construction. */
export interface PathologicalProblem extends Problem {
  /** The neurons made pathological (‖a_k‖ > ‖w̃_k‖), in increasing order. */
  pathological: number[];
}

/** Constraints of {@link arbPathologicalProblem}. */
export interface PathologicalConstraints extends ProblemConstraints {
  /** Which neurons to make pathological: `some` (default: a drawn non-empty subset) or `all`. */
  which?: "some" | "all";
}

/**
 * Sets a_k[0] = ±(‖w̃_k‖₁ + margin): since ‖w̃_k‖₂ ≤ ‖w̃_k‖₁ < |a_k[0]|, c_k < 0 exactly.
 *
 * @internal
 */
function makePathological(net: LayeredNetwork<string>, k: number, margin: string, negative: boolean): LayeredNetwork<string> {
  let norm1 = exact.parse(margin);
  const [hidden, out] = hiddenAndOutput(net);
  for (const v of at(hidden.W, k)) norm1 = exact.add(norm1, exact.abs(exact.parse(v)));
  if (hidden.b) norm1 = exact.add(norm1, exact.abs(exact.parse(at(hidden.b, k))));
  const a = exact.toString(negative ? exact.neg(norm1) : norm1);
  return {
    activation: net.activation,
    layers: [hidden, { W: out.W.map((row, j) => (j === 0 ? row.map((v, m) => (m === k ? a : v)) : row)), b: out.b }],
  };
}

/**
 * Initialisations in which chosen neurons are pathological (c_k < 0: with a scalar
 * output, the sign of a_k can never change along the flow). The first output weight
 * of each chosen neuron is set to ±(‖w̃_k‖₁ + margin) with a drawn sign and a positive
 * rational margin; the other neurons are left as drawn.
 *
 * @param constraints - as {@link arbProblem}, plus which neurons to make pathological
 * @example fc.sample(arbPathologicalProblem({ which: "all" }), 5).every((p) => p.pathological.length === p.net.layers[0].W.length) // returns true
 */
export function arbPathologicalProblem(constraints: PathologicalConstraints = {}): fc.Arbitrary<PathologicalProblem> {
  const maxL = constraints.width?.max ?? Math.max(3, constraints.width?.min ?? 1);
  const flags = fc.array(
    fc.record({ chosen: fc.boolean(), negative: fc.boolean(), margin: arbRational({ maxNum: 3, maxDen: 2, sign: "positive" }) }),
    { minLength: maxL, maxLength: maxL },
  );
  return fc.tuple(arbProblem(constraints), flags).map(([problem, f]) => {
    const l = at(problem.net.layers, 0).W.length;
    let chosen = f.slice(0, l).flatMap((x, k) => (constraints.which === "all" || x.chosen ? [k] : []));
    if (chosen.length === 0) chosen = [0];
    let net = problem.net;
    for (const k of chosen) net = makePathological(net, k, at(f, k).margin, at(f, k).negative);
    return { net, data: problem.data, pathological: chosen };
  });
}
