import { InputError } from "../errors.js";
import { decimal } from "./decimal.js";
import { exact } from "./exact.js";
import { float } from "./float.js";
import type { Scalar } from "./scalar.js";

/**
 * The arithmetic named by a user: `exact`, `decimal:D` or `float`.
 *
 * @throws InputError for any other name or a bad digit count
 * @example arithmetic("decimal:40").digits // returns 40
 */
export function arithmetic(name: string): Scalar<unknown> {
  if (name === "exact") return exact as Scalar<unknown>;
  if (name === "float") return float as Scalar<unknown>;
  const m = /^decimal:(\d+)$/.exec(name);
  if (m !== null) return decimal(Number(m[1])) as Scalar<unknown>;
  throw new InputError({ field: "arithmetic", expected: "exact, decimal:D or float", value: name });
}
