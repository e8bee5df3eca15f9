import { fixedLayeredField } from "../../net/kernels/fixedLayeredField.js";
import type { FlowProblem } from "./flowProblem.js";

/** An activation pattern as the field returned it: opaque to the integrators, which only hand it back to freeze it. @internal */
export type FieldPattern = { readonly __fieldPattern: true };

/**
 * −∇L(θ) of a problem and the activation pattern used (frozen to `pattern` when
 * given, a pattern this function returned for the same problem).
 *
 * @internal
 */
export function stepField(p: FlowProblem, theta: readonly bigint[], pattern?: FieldPattern): { field: bigint[]; pattern: FieldPattern } {
  const r = fixedLayeredField(p, theta, pattern as unknown as bigint[][][] | undefined);
  return { field: r.field, pattern: r.slopes as unknown as FieldPattern };
}
