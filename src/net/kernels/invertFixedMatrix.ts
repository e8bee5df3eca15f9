import { ConvergenceError } from "../../errors.js";
import { fabs, fdiv, type Fixed } from "../../scalar/fixedPoint.js";

/**
 * Inverse of a small symmetric positive-definite fixed-point matrix by Gauss–Jordan
 * with partial pivoting (the Gram matrices of the Filippov sliding constraints).
 *
 * @throws ConvergenceError when the matrix is singular at the working precision (the sliding
 * constraints are degenerate: the integrator does not decide such a slide)
 * @internal
 */
export function invertFixedMatrix(F: Fixed, M: readonly (readonly bigint[])[]): bigint[][] {
  const n = M.length;
  const A = M.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? F.ONE : 0n))]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (fabs(A[r]![c]!) > fabs(A[piv]![c]!)) piv = r;
    [A[c], A[piv]] = [A[piv]!, A[c]!];
    const d = A[c]![c]!;
    if (d === 0n)
      throw new ConvergenceError("taylor", "a sliding step", "the sliding constraints are degenerate (their Gram matrix is singular)");
    A[c] = A[c]!.map((v) => fdiv(F, v, d));
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = A[r]![c]!;
      if (f === 0n) continue;
      A[r] = A[r]!.map((v, j) => v - ((f * A[c]![j]!) >> F.bigP));
    }
  }
  return A.map((row) => row.slice(n));
}
