import type { SizeRange } from "../arbitraries/arbProblem.js";

/** @internal A filled-in size range; throws an Error naming the API on nonsense. */
export function sizeRange(r: SizeRange | undefined, min: number, max: number, what: string): { min: number; max: number } {
  const lo = r?.min ?? min;
  const hi = r?.max ?? Math.max(max, lo);
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || lo < 1 || hi < lo || hi > 64) {
    throw new Error(`arbProblem: invalid ${what}. Must be whole numbers with 1 <= min <= max <= 64. Value: \`${JSON.stringify(r)}\`.`);
  }
  return { min: lo, max: hi };
}
