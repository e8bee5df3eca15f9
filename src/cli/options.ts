import { InputError } from "../errors.js";
import { at } from "../scalar/at.js";

/** Parses a whole number option in [min, max]. @throws InputError naming the option */
export function intOption(value: string, option: string, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
  if (!/^[+-]?\d+$/.test(value.trim())) throw new InputError({ field: option, expected: "an integer", value });
  const n = Number(value);
  if (n < min || n > max) throw new InputError({ field: option, expected: `an integer in [${min}, ${max}]`, value });
  return n;
}

/** Prints a value as the JSON every command emits: two-space indented, newline-terminated. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Fails unless `value` is one of `allowed`. */
export function choice<C extends string>(value: string, option: string, allowed: readonly C[]): C {
  if ((allowed as readonly string[]).includes(value)) return value as C;
  throw new InputError({ field: option, expected: `one of ${allowed.join(", ")}`, value });
}

/**
 * Parses a list of whole numbers written as ranges and lists: `1..6`, `1,2,5`, `1..4,8`.
 *
 * @throws InputError naming the option when a part is malformed, out of [min, max], or a range is reversed
 * @example intListOption("1..3,8", "--width", 1) // returns [1, 2, 3, 8]
 */
export function intListOption(
  value: string,
  option: string,
  min: number,
  max: number = Number.MAX_SAFE_INTEGER,
  maxCount = 1_000_000,
): number[] {
  const out: number[] = [];
  for (const part of value.split(",")) {
    const m = /^\s*(\d+)\s*(?:\.\.\s*(\d+)\s*)?$/.exec(part);
    if (m === null) throw new InputError({ field: option, expected: "a number, a range a..b or a comma-separated list of them", value });
    const lo = intOption(at(m, 1), option, min, max);
    const hi = m[2] === undefined ? lo : intOption(m[2], option, min, max);
    if (hi < lo) throw new InputError({ field: option, expected: "ranges a..b with a ≤ b", value, note: `${lo}..${hi} is reversed.` });
    if (out.length + (hi - lo + 1) > maxCount) throw new InputError({ field: option, expected: `at most ${maxCount} values`, value });
    for (let v = lo; v <= hi; v++) out.push(v);
  }
  return out;
}
