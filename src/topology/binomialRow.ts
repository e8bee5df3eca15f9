/**
 * The binomial coefficients C(n, 0) … C(n, n) as BigInt, by the
 * multiplicative recurrence C(n, i+1) = C(n, i)·(n − i)/(i + 1) (exact division).
 *
 * @param n - a non-negative integer
 * @returns C(n, 0) … C(n, n)
 * @example binomialRow(4) // returns [1n, 4n, 6n, 4n, 1n]
 */
export function binomialRow(n: number): bigint[] {
  const row: bigint[] = [1n];
  let c = 1n;
  const N = BigInt(n);
  for (let i = 0n; i < N; i++) {
    c = (c * (N - i)) / (i + 1n);
    row.push(c);
  }
  return row;
}
