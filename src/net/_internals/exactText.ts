import { InputError } from "../../errors.js";
import { parseRational } from "../../scalar/parseRational.js";

/**
 * A parameter read from a network file, checked to be an exact number and kept as its text.
 *
 * @internal
 */
function exactText(v: unknown, where: string, what: string): string {
  if (typeof v !== "string")
    throw new InputError(`invalid network \`${what}\`: ${where} must be a number or a numeric string. Value: \`${JSON.stringify(v)}\`.`);
  try {
    parseRational(v);
  } catch (err) {
    throw new InputError(`invalid network \`${what}\`: ${where}: ${(err as Error).message}`);
  }
  return v.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, "");
}

/** A vector of exact texts, of the given length when one is given. @internal */
export function exactVector(v: unknown, where: string, what: string, length?: number): string[] {
  if (!Array.isArray(v)) throw new InputError(`invalid network \`${what}\`: ${where} must be an array of numbers.`);
  if (length !== undefined && v.length !== length)
    throw new InputError(`invalid network \`${what}\`: ${where} must have ${length} entries. Value: ${v.length} entries.`);
  return v.map((x, i) => exactText(x, `${where}[${i}]`, what));
}

/** A non-empty matrix of exact texts with rows of equal, non-zero length. @internal */
export function exactMatrix(v: unknown, where: string, what: string): string[][] {
  if (!Array.isArray(v) || v.length === 0) throw new InputError(`invalid network \`${what}\`: ${where} must be a non-empty array of rows.`);
  const width = Array.isArray(v[0]) ? v[0].length : undefined;
  if (width === 0) throw new InputError(`invalid network \`${what}\`: ${where} must have at least one column.`);
  return v.map((row, i) => exactVector(row, `${where}[${i}]`, what, width));
}
