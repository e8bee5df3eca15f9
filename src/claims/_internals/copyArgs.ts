/**
 * A deep copy of a predicate's arguments, so that a predicate that mutates its input cannot
 * change the case fast-check keeps (and prints, saves and shrinks from). Arrays, plain
 * objects, Maps, Sets, Dates and typed arrays are copied; instances of other classes
 * (rationals, decimals, arithmetics) are shared, as their methods return new values.
 *
 * @internal
 */
export function copyArgs<T>(value: T): T {
  return copy(value, new Map()) as T;
}

function copy(v: unknown, seen: Map<object, unknown>): unknown {
  if (v === null || typeof v !== "object") return v;
  const known = seen.get(v);
  if (known !== undefined) return known;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    seen.set(v, out);
    for (const x of v) out.push(copy(x, seen));
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) {
    const out = Object.create(proto) as Record<string, unknown>;
    seen.set(v, out);
    for (const [k, x] of Object.entries(v)) out[k] = copy(x, seen);
    return out;
  }
  if (v instanceof Map) {
    const out = new Map();
    seen.set(v, out);
    for (const [k, x] of v) out.set(copy(k, seen), copy(x, seen));
    return out;
  }
  if (v instanceof Set) {
    const out = new Set();
    seen.set(v, out);
    for (const x of v) out.add(copy(x, seen));
    return out;
  }
  if (v instanceof Date) return new Date(v.getTime());
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return (v as unknown as { slice(): unknown }).slice();
  return v;
}
