/**
 * The canonical monomial order: higher total degree first, then
 * lexicographic in the variable indices (θ order). A law's leading monomial
 * is its first one in this order.
 */
export function compareMonomials(a: string, b: string): number {
  if (a.length !== b.length) return b.length - a.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
