export type { Scalar, ScalarKind } from "./scalar.js";
export type { RationalParts } from "./parseRational.js";
export { parseRational } from "./parseRational.js";
export { exact } from "./exact.js";
export type { Rational } from "./exact.js";
export { decimal, MIN_DIGITS, MAX_DIGITS } from "./decimal.js";
export type { DecimalValue } from "./decimal.js";
export { float } from "./float.js";
export { arithmetic } from "./arithmetic.js";
