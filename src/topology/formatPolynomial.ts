/**
 * Prints Σ b_i t^i with the zero terms left out.
 *
 * @param betti - b_0 … b_top
 * @returns the polynomial's text, "0" when every b_i is 0
 * @example formatPolynomial([1n, 0n, 2n, 0n, 1n]) // returns "1 + 2t^2 + t^4"
 */
export function formatPolynomial(betti: readonly bigint[]): string {
  const terms = betti.flatMap((b, i) => {
    if (b === 0n) return [];
    if (i === 0) return [b.toString()];
    const coef = b === 1n ? "" : b.toString();
    return [`${coef}t${i === 1 ? "" : `^${i}`}`];
  });
  return terms.length === 0 ? "0" : terms.join(" + ");
}
