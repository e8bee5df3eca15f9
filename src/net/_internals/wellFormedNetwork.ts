import { parseRational } from "../../scalar/parseRational.js";
import type { NetworkJson } from "../networkSchema.js";

const KEYS = new Set(["activation", "W1", "b1", "W2", "b2"]);

/** A row: an array of texts that parse as numbers. */
function isRow(v: unknown): v is string[] {
  if (!Array.isArray(v)) return false;
  for (const x of v) {
    if (typeof x !== "string") return false;
    try {
      parseRational(x);
    } catch {
      return false;
    }
  }
  return true;
}

const isRows = (v: unknown): v is string[][] => Array.isArray(v) && v.length > 0 && v.every(isRow);

/**
 * The network file `obj` as `networkSchema` would give it, when `obj` plainly has
 * that form (only its keys, texts that parse, non-empty matrices), else undefined:
 * then only the schema says what is wrong. Well-formed files, nearly all of them,
 * thus never load zod (see `networkSchema`).
 *
 * @internal
 */
export function wellFormedNetwork(obj: unknown): NetworkJson | undefined {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return undefined;
  const o = obj as Record<string, unknown>;
  if (!Object.keys(o).every((k) => KEYS.has(k))) return undefined;
  const { activation, W1, b1, W2, b2 } = o;
  if (activation !== undefined && typeof activation !== "string") return undefined;
  if (!isRows(W1) || !isRows(W2)) return undefined;
  if ((b1 !== undefined && !isRow(b1)) || (b2 !== undefined && !isRow(b2))) return undefined;
  return {
    ...(activation === undefined ? {} : { activation }),
    W1: W1.map((r) => [...r]),
    ...(b1 === undefined ? {} : { b1: [...b1] }),
    W2: W2.map((r) => [...r]),
    ...(b2 === undefined ? {} : { b2: [...b2] }),
  };
}
