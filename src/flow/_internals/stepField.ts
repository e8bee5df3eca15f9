import { fixedLayeredField, type FixedLayeredFieldResult } from "../../net/kernels/fixedLayeredField.js";
import type { FlowProblem } from "./flowProblem.js";

/** An activation pattern as the field returned it: opaque to the integrators, which only hand it back to freeze it. @internal */
export type FieldPattern = { readonly __fieldPattern: true };

/**
 * −∇L(θ) of a problem and the activation pattern used, max-pool selections included (frozen to `pattern` when
 * given, a pattern this function returned for the same problem).
 *
 * @internal
 */
export function stepField(p: FlowProblem, theta: readonly bigint[], pattern?: FieldPattern): { field: bigint[]; pattern: FieldPattern } {
  // the pattern is the slopes and, with max pooling, the selections of the windows
  const frozen = pattern as unknown as Pick<FixedLayeredFieldResult, "slopes" | "select"> | undefined;
  const r = fixedLayeredField(p, theta, frozen?.slopes, frozen?.select);
  return { field: r.field, pattern: { slopes: r.slopes, select: r.select } as unknown as FieldPattern };
}
