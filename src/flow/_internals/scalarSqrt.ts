import type { Decimal } from "decimal.js";
import { InternalError } from "../../errors.js";
import type { Scalar } from "../../scalar/scalar.js";

/**
 * @internal √x for x ≥ 0, correctly rounded: decimal.js at the precision of
 * the arithmetic that made x, or the double square root. Exact rationals have
 * no square roots; callers refuse them before they get here.
 */
export function scalarSqrt<T>(x: T, S: Scalar<T>): T {
  if (S.kind === "float") return Math.sqrt(x as unknown as number) as unknown as T;
  if (S.kind === "decimal") return (x as unknown as Decimal).sqrt() as unknown as T;
  throw new InternalError(`square root in ${S.name} arithmetic`);
}
