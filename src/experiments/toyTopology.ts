import { networkIn } from "../net/networkIn.js";
import { exact } from "../scalar/exact.js";
import { effectiveComponentCount } from "../symmetry/effectiveComponentCount.js";
import { obstruction } from "../symmetry/obstruction.js";
import { componentOf } from "../topology/componentOf.js";
import { componentCount } from "../topology/componentCount.js";
import { TOY_NETS, type ToyStart } from "./toyProblem.js";

/** The topology of one toy start, exact: components of H(c), its own component, and whether the target is reachable. */
export interface ToyTopology {
  /** b₀ of H(c) and the number of effectively different components (rescaling + permutation), as BigInt text. */
  components: string;
  effective: string;
  /** The component θ lies in: the output-weight signs of its pathological neurons ("" when none split). */
  component: string;
  /** True when no network of that component has both output weights positive (what |x| needs). */
  obstructed: boolean;
  reason: string;
}

/**
 * The topology layer's verdict on a toy start (docs/theory.md §3–4): the components
 * of H(c), the one the start lies in, and whether it contains a network with
 * two positive output weights.
 *
 * @param start - which start
 * @returns the component counts, the start's component, and the verdict
 * @example toyTopology("obstructed").obstructed // returns true
 */
export function toyTopology(start: ToyStart): ToyTopology {
  const net = networkIn(TOY_NETS[start], exact);
  const { pattern, split } = componentOf(net);
  const verdict = obstruction(net, 2, 0);
  return {
    components: componentCount(split).toString(),
    effective: effectiveComponentCount(split).toString(),
    component: pattern,
    obstructed: verdict.obstructed,
    reason: verdict.reason,
  };
}
