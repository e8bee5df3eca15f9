import type { CellSpec } from "../planCells.js";

/** A finished cell's cost: its kind, planned weight and measured milliseconds. */
export interface CellSample {
  kind: string;
  weight: number;
  ms: number;
}

/**
 * Fits ms ≈ fixed + perWeight·weight to the samples of one kind by least squares
 * (both clamped at ≥ 0), or ms ∝ weight when the samples share one weight.
 */
function fitKind(samples: readonly CellSample[]): (weight: number) => number {
  const n = samples.length;
  const mw = samples.reduce((s, c) => s + c.weight, 0) / n;
  const mm = samples.reduce((s, c) => s + c.ms, 0) / n;
  const sww = samples.reduce((s, c) => s + (c.weight - mw) ** 2, 0);
  if (n < 2 || sww <= 1e-12 * Math.max(1, mw * mw)) return (w) => (mw > 0 ? (mm / mw) * w : mm);
  const swm = samples.reduce((s, c) => s + (c.weight - mw) * (c.ms - mm), 0);
  let slope = Math.max(0, swm / sww);
  let fixed = mm - slope * mw;
  if (fixed < 0) {
    // a negative fixed cost is noise: fall back to proportional
    fixed = 0;
    slope = mm / mw;
  }
  return (w) => fixed + slope * w;
}

/**
 * The wall time the given cells should take on `threads` threads, from the
 * measured cost of cells already run: per kind of cell a fixed cost plus a cost
 * per unit of planned weight (cells of a kind not yet measured use the ratio of
 * all samples).
 *
 * @param remaining - the cells still to run
 * @param samples - cells already run, with their measured time
 * @param threads - cells run at the same time
 * @returns milliseconds
 * @internal
 */
export function estimateRemaining(remaining: readonly CellSpec[], samples: readonly CellSample[], threads: number): number {
  if (samples.length === 0) return 0;
  const byKind = new Map<string, CellSample[]>();
  for (const s of samples) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s]);
  const fits = new Map([...byKind].map(([k, v]) => [k, fitKind(v)]));
  const totalW = samples.reduce((s, c) => s + c.weight, 0);
  const totalMs = samples.reduce((s, c) => s + c.ms, 0);
  const ratio = totalW > 0 ? totalMs / totalW : 0;
  const ms = remaining.reduce((s, c) => s + (fits.get(c.key.kind)?.(c.weight) ?? ratio * c.weight), 0);
  return ms / Math.max(1, threads);
}
