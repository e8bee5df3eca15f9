/**
 * What a predicate returned, in words, when it is none of `true`, `false` or `undefined`:
 * `3 (a number)`, `"true" (a string)`, `null`, `a Fraction (1/2)`, `a Promise of 3 (a number)`.
 *
 * @param value - the settled value
 * @param promised - true when the predicate returned a promise that settled to `value`
 * @internal
 */
export function describeReturn(value: unknown, promised: boolean): string {
  const text = describe(value);
  return promised ? `a Promise of ${text}` : text;
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "string") return `${short(JSON.stringify(v))} (a string)`;
  if (typeof v === "number") return `${v} (a number)`;
  if (typeof v === "bigint") return `${v}n (a bigint)`;
  if (typeof v === "symbol") return `${String(v)} (a symbol)`;
  if (typeof v === "function") return "a function";
  const toFraction = (v as { toFraction?: unknown }).toFraction;
  if (typeof toFraction === "function") return `a rational (${String(toFraction.call(v))})`;
  const name = (Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null)?.constructor?.name;
  const own = String(v);
  let body: string;
  if (own !== "[object Object]") body = own;
  else {
    try {
      body = JSON.stringify(v) ?? "";
    } catch {
      body = "";
    }
  }
  const article = name !== undefined && name !== "" && name !== "Object" ? `${/^[AEIOU]/.test(name) ? "an" : "a"} ${name}` : "an object";
  return body === "" ? article : `${article} (${short(body)})`;
}

function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
