/** @internal A matrix of exact texts: an array of arrays of strings. */
export function isStringMatrix(v: unknown): v is string[][] {
  return Array.isArray(v) && v.every((r) => Array.isArray(r) && r.every((x) => typeof x === "string"));
}
