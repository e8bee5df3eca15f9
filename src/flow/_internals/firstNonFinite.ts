import type { Network } from "../../net/network.js";
import type { Scalar } from "../../scalar/scalar.js";

/**
 * Whether `v` is a finite number of `S`: exact rationals always are; a float or
 * a decimal may have overflowed to ±Infinity or become NaN.
 * @internal
 */
export function isFiniteIn<T>(S: Scalar<T>, v: T): boolean {
  if (S.kind === "exact") return true;
  if (S.kind === "float") return Number.isFinite(v as number);
  // decimal.js values answer directly; anything else is judged by its text.
  const own = (v as { isFinite?: unknown }).isFinite;
  if (typeof own === "function") return (own as () => boolean).call(v);
  return !/^-?Infinity$|^NaN$/.test(S.toString(v));
}

/**
 * The name (`W1[0][2]`, `b2[0]`) of the first parameter of `net` that is not a
 * finite number of `S`, or undefined when every one is.
 * @internal
 */
export function firstNonFiniteParameter<T>(net: Network<T>, S: Scalar<T>): string | undefined {
  if (S.kind === "exact") return undefined;
  const matrices: [string, readonly (readonly T[])[] | undefined][] = [
    ["W1", net.W1],
    ["b1", net.b1 === undefined ? undefined : [net.b1]],
    ["W2", net.W2],
    ["b2", net.b2 === undefined ? undefined : [net.b2]],
  ];
  for (const [name, m] of matrices) {
    if (m === undefined) continue;
    for (let i = 0; i < m.length; i++) {
      const row = m[i]!;
      for (let j = 0; j < row.length; j++) {
        if (!isFiniteIn(S, row[j]!)) return name.startsWith("b") ? `${name}[${j}]` : `${name}[${i}][${j}]`;
      }
    }
  }
  return undefined;
}

/**
 * The name (`X[3][0]`, `Y[0][1]`) of the first entry of a data matrix that is not finite in `S`.
 * @internal
 */
export function firstNonFiniteEntry<T>(name: string, m: readonly (readonly T[])[], S: Scalar<T>): string | undefined {
  if (S.kind === "exact") return undefined;
  for (let i = 0; i < m.length; i++) {
    const row = m[i]!;
    for (let j = 0; j < row.length; j++) if (!isFiniteIn(S, row[j]!)) return `${name}[${i}][${j}]`;
  }
  return undefined;
}
