import { parseFixed, type Fixed } from "../../../scalar/fixedPoint.js";
import type { Activation } from "../../activation.js";
import { slopeTable, type SlopeTable } from "../../slopeTable.js";

/** The activation's {@link slopeTable} in fixed point. @internal */
export function fixedSlopes(activation: Activation, F: Fixed): SlopeTable<bigint> {
  const t = slopeTable(activation);
  return { above: parseFixed(F, t.above), below: parseFixed(F, t.below), atZero: parseFixed(F, t.atZero) };
}
