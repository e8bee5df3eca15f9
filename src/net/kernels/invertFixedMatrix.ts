import { ConvergenceError } from "../../errors.js";
import { at } from "../../scalar/at.js";
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
    // the pivot: the first row at or below c with the largest |entry| in column c
    let piv = c;
    let best = fabs(at(at(A, c), c));
    for (const [r, row] of A.entries()) {
      const v = fabs(at(row, c));
      if (r > c && v > best) {
        piv = r;
        best = v;
      }
    }
    const pivotRow = at(A, piv);
    A[piv] = at(A, c);
    const d = at(pivotRow, c);
    if (d === 0n)
      throw new ConvergenceError("taylor", "a sliding step", "the sliding constraints are degenerate (their Gram matrix is singular)");
    const top = pivotRow.map((v) => fdiv(F, v, d));
    A[c] = top;
    for (const [r, row] of A.entries()) {
      if (r === c) continue;
      const f = at(row, c);
      if (f === 0n) continue;
      A[r] = row.map((v, j) => v - ((f * at(top, j)) >> F.bigP));
    }
  }
  return A.map((row) => row.slice(n));
}
