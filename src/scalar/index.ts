export type { Scalar, ScalarKind } from "./scalar.js";
export type { RationalParts } from "./parseRational.js";
export { parseRational } from "./parseRational.js";
export { exact } from "./exact.js";
export type { Rational } from "./exact.js";
export { decimal, MIN_DIGITS, MAX_DIGITS } from "./decimal.js";
export type { DecimalValue } from "./decimal.js";
export { float } from "./float.js";
export { arithmetic } from "./arithmetic.js";
export {
  gcd,
  lcm,
  isqrt,
  factorial,
  squareSplit,
  rational,
  numerator,
  rationalText,
  primitive,
  integerMultiple,
  reconstructRational,
} from "./bigintMath.js";
export { decimalContext } from "./decimalContext.js";
export type { DecimalCtor, DecimalContextOptions } from "./decimalContext.js";
export { seededRandom } from "./seededRandom.js";
export type { SeededRandom } from "./seededRandom.js";
export type { FloatFormat } from "./dyadicOfFloat.js";
export { dyadicOfFloat } from "./dyadicOfFloat.js";
