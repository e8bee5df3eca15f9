import type { FloatFormat } from "../../scalar/dyadicOfFloat.js";
import { floatText } from "../../scalar/floatText.js";
import type { SafetensorsTensor } from "../readSafetensors.js";

/** Bytes per element of each float format. @internal */
export const FLOAT_SIZE: Readonly<Record<FloatFormat, number>> = { F64: 8, F32: 4, F16: 2, BF16: 2 };

/** The element at byte p as a number (exact: every format here is a subset of binary64); NaN or ±Infinity as they are. */
function readerOf(view: DataView, dtype: FloatFormat): (p: number) => number {
  switch (dtype) {
    case "F64":
      return (p) => view.getFloat64(p, true);
    case "F32":
      return (p) => view.getFloat32(p, true);
    case "BF16": {
      const scratch = new DataView(new ArrayBuffer(4));
      return (p) => {
        scratch.setUint32(0, view.getUint16(p, true) << 16);
        return scratch.getFloat32(0);
      };
    }
    case "F16":
      return (p) => {
        const h = view.getUint16(p, true);
        const e = (h >> 10) & 0x1f;
        const f = h & 0x3ff;
        const s = h & 0x8000 ? -1 : 1;
        if (e === 0x1f) return f === 0 ? s * Infinity : Number.NaN;
        return s * (e === 0 ? f * 2 ** -24 : (1024 + f) * 2 ** (e - 25));
      };
  }
}

/**
 * The values of `count` floats of a format at the byte positions `at(i)`, in order, as numbers
 * (each exactly the float stored).
 *
 * @param at - the byte position of element i in the view
 * @param nonFinite - the error for a NaN or infinity at element i
 * @internal
 */
export function floatNumbers(
  view: DataView,
  dtype: FloatFormat,
  count: number,
  at: (i: number) => number,
  nonFinite: (i: number) => Error,
): Float64Array {
  const read = readerOf(view, dtype);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const v = read(at(i));
    if (!Number.isFinite(v)) throw nonFinite(i);
    out[i] = v;
  }
  return out;
}

/**
 * A tensor read from a file: its numbers, and their exact texts made on first use (a command
 * that works on the numbers never pays for millions of strings).
 *
 * @internal
 */
export function floatTensor(name: string, dtype: FloatFormat, shape: readonly number[], numbers: Float64Array): SafetensorsTensor {
  let texts: string[] | undefined;
  return {
    name,
    dtype,
    shape,
    numbers,
    get values(): string[] {
      texts ??= Array.from(numbers, floatText);
      return texts;
    },
  };
}

/**
 * The multi-index `[r][c]` of flat index i in a row-major array of this shape, for a message.
 *
 * @internal
 */
export function flatIndexText(i: number, shape: readonly number[]): string {
  let rest = i;
  const parts = [...shape]
    .reverse()
    .map((n) => {
      const p = rest % n;
      rest = Math.floor(rest / n);
      return p;
    })
    .reverse();
  return parts.map((p) => `[${p}]`).join("") || "[]";
}
