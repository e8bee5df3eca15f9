/**
 * The Gauss–Legendre stage count s for D digits: ⌈(D + 5)/5⌉, at least 2 (order 2s ≈ 0.4·D).
 *
 * @internal
 */
export function gaussStages(digits: number): number {
  return Math.max(2, Math.ceil((digits + 5) / 5));
}
