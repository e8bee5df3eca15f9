import type { ParamLayout } from "../../net/paramLayout.js";
import type { Scalar } from "../../scalar/scalar.js";
import { at } from "../../scalar/at.js";

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
 * The name (`W1[0][2]`, `b2[0]`, `W3[1][0]`) of the first parameter of a flat θ, in
 * the order of its layout, that is not a finite number of `S`, or undefined when every one is.
 * @internal
 */
export function firstNonFiniteParameter<T>(L: ParamLayout, theta: readonly T[], S: Scalar<T>): string | undefined {
  const i = firstNonFiniteIndex(S, theta);
  return i < 0 ? undefined : parameterName(L, i);
}

/**
 * The index of the first entry of `row` that is not a finite number of `S`, or −1 when every one is.
 * @internal
 */
export function firstNonFiniteIndex<T>(S: Scalar<T>, row: readonly T[]): number {
  if (S.kind === "exact") return -1;
  // a float run checks θ and its neurons' c and drifts at every step: a plain loop, no call per entry
  // (Number.isFinite is isFiniteIn for numbers)
  if (S.kind === "float") {
    const values = row as readonly number[];
    for (let j = 0; j < values.length; j++) if (!Number.isFinite(values[j])) return j;
    return -1;
  }
  return row.findIndex((v) => !isFiniteIn(S, v));
}

/** The name of flat index i: `W<l>[r][c]`, `b<l>[r]`, `gamma<l>[r]` or `beta<l>[r]`, layers numbered from 1. */
function parameterName(L: ParamLayout, i: number): string {
  let l = L.depth;
  while (at(L.weightOffset, l - 1) > i) l--;
  const n0 = at(L.normOffset, l - 1);
  const units = at(L.widths, l);
  if (n0 >= 0 && i >= n0) return i - n0 < units ? `gamma${l}[${i - n0}]` : `beta${l}[${i - n0 - units}]`;
  const b0 = at(L.biasOffset, l - 1);
  if (b0 >= 0 && i >= b0) return `b${l}[${i - b0}]`;
  const offset = i - at(L.weightOffset, l - 1);
  const cols = at(L.columns, l - 1);
  return `W${l}[${Math.floor(offset / cols)}][${offset % cols}]`;
}

/**
 * The name (`X[3][0]`, `Y[0][1]`) of the first entry of a data matrix that is not finite in `S`.
 * @internal
 */
export function firstNonFiniteEntry<T>(name: string, m: readonly (readonly T[])[], S: Scalar<T>): string | undefined {
  if (S.kind === "exact") return undefined;
  if (S.kind === "float") {
    // a data set of float rows is checked before every float training run: a plain loop, no call per entry
    for (let i = 0; i < m.length; i++) {
      const row = m[i] as readonly number[];
      for (let j = 0; j < row.length; j++) if (!Number.isFinite(row[j])) return `${name}[${i}][${j}]`;
    }
    return undefined;
  }
  for (const [i, row] of m.entries()) {
    for (const [j, v] of row.entries()) if (!isFiniteIn(S, v)) return `${name}[${i}][${j}]`;
  }
  return undefined;
}
