import type { SlopeTable } from "./slopeTable.js";

/**
 * σ′ on one side of the kink: `side` > 0 above it, < 0 below it, 0 on it (σ′(0)).
 *
 * @example slopeOnSide({ above: 1, below: 0, atZero: 0 }, -1) // returns 0
 */
export function slopeOnSide<T>(table: SlopeTable<T>, side: number): T {
  return side > 0 ? table.above : side < 0 ? table.below : table.atZero;
}
