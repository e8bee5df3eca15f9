/**
 * The binomial coefficients C(n, 0) … C(n, n) as BigInt, by the
 * multiplicative recurrence C(n, i+1) = C(n, i)·(n − i)/(i + 1) (exact division).
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
