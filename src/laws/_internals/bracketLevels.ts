import type { DenseEchelonModP, SparseEchelonModP } from "./modp.js";
import { bracket, fieldAt, type Field } from "./polynomialField.js";

/** How a bracket iteration stopped, with the rank reached. @internal */
export interface BracketLevelsResult {
  rank: number;
  levels: number;
  fields: number;
  stop: "target" | "closed" | "stalled" | "limit";
}

/** The state and limits of one bracket iteration. @internal */
export interface BracketLevelsInput {
  /** Fields bracketed on the left at every level: the generators (and, for momentum, the drift). */
  left: readonly Field[];
  /** Level 0: the fields already kept. */
  base: readonly Field[];
  /** Values at the point, echelonised mod p (rank so far). */
  atPoint: DenseEchelonModP;
  /** Kept fields as polynomial rows, echelonised mod p (a dependent field is dropped: it only brackets into the span). */
  functions: SparseEchelonModP;
  asRow: (f: Field) => Map<number, number>;
  /** The point, as residues, and its dimension. */
  x: readonly number[];
  n: number;
  target: number;
  maxLevels: number;
  maxFields: number;
  /** Fields kept before the first level. */
  kept: number;
}

/**
 * Right-nested brackets [g, X], g ∈ `left`, X of the previous level, level by
 * level (they span the generated Lie algebra or ideal), keeping only fields
 * independent as polynomials of the kept ones. Stops at `target`, when a level
 * adds no field (closed), when the rank at the point has not grown for two
 * levels, or at the limits. Shared by gradient-flow and momentum-flow laws.
 *
 * @internal
 */
export function bracketLevels(input: BracketLevelsInput): BracketLevelsResult {
  const { left, atPoint, functions, asRow, x, n, target, maxLevels, maxFields } = input;
  let previous = input.base;
  let kept = input.kept;
  let stalled = 0;
  for (let level = 1; level <= maxLevels; level++) {
    const before = atPoint.rank;
    const next: Field[] = [];
    for (const g of left)
      for (const X of previous) {
        const Z = bracket(g, X);
        if (Z.size === 0 || !functions.add(asRow(Z))) continue;
        next.push(Z);
        kept++;
        if (atPoint.add(fieldAt(Z, x, n)) && atPoint.rank >= target)
          return { rank: atPoint.rank, levels: level, fields: kept, stop: "target" };
        if (kept >= maxFields) return { rank: atPoint.rank, levels: level, fields: kept, stop: "limit" };
      }
    if (next.length === 0) return { rank: atPoint.rank, levels: level, fields: kept, stop: "closed" };
    stalled = atPoint.rank === before ? stalled + 1 : 0;
    if (stalled >= 2) return { rank: atPoint.rank, levels: level, fields: kept, stop: "stalled" };
    previous = next;
  }
  return { rank: atPoint.rank, levels: maxLevels, fields: kept, stop: "limit" };
}
