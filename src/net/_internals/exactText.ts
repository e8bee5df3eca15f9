import { InputError } from "../../errors.js";
import { parseRational } from "../../scalar/parseRational.js";
import { jsonBrief } from "./jsonBrief.js";

/**
 * A parameter read from a network file, checked to be an exact number and kept as its text.
 *
 * @internal
 */
function exactText(v: unknown, where: string, what: string): string {
  const field = `${where} in \`${what}\``;
  if (typeof v !== "string") throw new InputError({ field, expected: "a number or a numeric string", value: jsonBrief(v) });
  try {
    parseRational(v);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw new InputError({ field, expected: err.data?.expected ?? "a number", value: v });
  }
  return v.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, "");
}

/** A vector of exact texts, of the given length when one is given. @internal */
export function exactVector(v: unknown, where: string, what: string, length?: number): string[] {
  const field = `${where} in \`${what}\``;
  if (!Array.isArray(v)) throw new InputError({ field, expected: "an array of numbers", value: jsonBrief(v) });
  if (length !== undefined && v.length !== length)
    throw new InputError({ field, expected: `${length} entries`, value: `${v.length} entries` });
  return v.map((x, i) => exactText(x, `${where}[${i}]`, what));
}

/** A non-empty matrix of exact texts with rows of equal, non-zero length. @internal */
export function exactMatrix(v: unknown, where: string, what: string): string[][] {
  const field = `${where} in \`${what}\``;
  if (!Array.isArray(v) || v.length === 0) throw new InputError({ field, expected: "a non-empty array of rows", value: jsonBrief(v) });
  const width = Array.isArray(v[0]) ? v[0].length : undefined;
  if (width === 0) throw new InputError({ field, expected: "rows of at least one column", value: jsonBrief(v) });
  return v.map((row, i) => exactVector(row, `${where}[${i}]`, what, width));
}

/**
 * A tensor of nested arrays (a convolution's kernel: 3 or 4 levels), every sub-array of one level
 * as long as the first, as its shape and its exact texts in row-major order.
 *
 * @internal
 */
export function exactTensor(v: unknown, where: string, what: string): { shape: number[]; values: string[] } {
  const shape: number[] = [];
  for (let x: unknown = v; Array.isArray(x); x = x[0]) {
    if (x.length === 0)
      throw new InputError({ field: `${where} in \`${what}\``, expected: "non-empty nested arrays", value: jsonBrief(v) });
    shape.push(x.length);
  }
  const values: string[] = [];
  const walk = (x: unknown, depth: number, path: string): void => {
    if (depth === shape.length) {
      values.push(exactText(x, path, what));
      return;
    }
    if (!Array.isArray(x) || x.length !== shape[depth])
      throw new InputError({
        field: `${path} in \`${what}\``,
        expected: `an array of ${shape[depth]} entries, like its first sibling`,
        value: jsonBrief(x),
      });
    for (const [i, y] of x.entries()) walk(y, depth + 1, `${path}[${i}]`);
  };
  walk(v, 0, where);
  return { shape, values };
}
