/** The three kinds of arithmetic relutopo computes in. */
export type ScalarKind = "exact" | "decimal" | "float";

/**
 * One arithmetic over values of type `T`. Kernels (forward pass, gradient,
 * invariants, gradient descent) are written once against this interface and
 * run in exact rationals, in decimal at a chosen precision, or in float64.
 *
 * @remarks Values are immutable; every operation returns a new value.
 */
export interface Scalar<T> {
  readonly kind: ScalarKind;
  /** Significant digits of `decimal`; `undefined` for the other kinds. */
  readonly digits: number | undefined;
  /** A name for messages and JSON: `exact`, `decimal:50` or `float`. */
  readonly name: string;
  readonly zero: T;
  readonly one: T;
  /** Parses a user number ("3/4", "-0.125", "1e-3", "7") without passing through a double. */
  parse(text: string): T;
  /** The rational num/den in this arithmetic (rounded once for decimal and float). */
  fromRational(num: bigint, den: bigint): T;
  fromInt(n: number | bigint): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  /** @throws InputError on division by zero. */
  div(a: T, b: T): T;
  neg(a: T): T;
  abs(a: T): T;
  sign(a: T): -1 | 0 | 1;
  cmp(a: T, b: T): -1 | 0 | 1;
  eq(a: T, b: T): boolean;
  /** e^a; @throws InputError for `exact`, which has no transcendental functions. */
  exp(a: T): T;
  /** ln(a) for a > 0; @throws InputError for `exact`. */
  ln(a: T): T;
  /** Canonical text: "p/q" or an integer for exact, decimal.js text for decimal, shortest round-trip for float. */
  toString(a: T): string;
  /** Nearest double, for plots and summaries. */
  toNumber(a: T): number;
}
