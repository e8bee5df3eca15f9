import { at } from "../../scalar/at.js";
/**
 * Vectors admitted greedily while they are linearly independent of those admitted
 * before, by Gram–Schmidt in doubles: a vector enters when its part orthogonal to the
 * admitted ones has a squared length above 10^−20 of its own (exact dependence leaves
 * a residual at rounding level) and above `floor` (the pivot its constraint would
 * bring to the Gram matrix must be well above the working precision). The sliding
 * constraints of the Taylor integrator are chosen this way.
 *
 * @internal
 */
export class IndependentSet {
  private readonly basis: number[][] = [];

  constructor(private readonly floor = 0) {}

  /** Admits `x` when it is independent of the vectors admitted so far; says whether it did. */
  admit(vector: readonly number[]): boolean {
    const norm2 = vector.reduce((s, v) => s + v * v, 0);
    const x = this.residual(vector);
    const rest2 = x.reduce((s, v) => s + v * v, 0);
    if (rest2 <= Math.max(this.floor, 1e-20 * norm2)) return false;
    this.basis.push(x.map((v) => v / Math.sqrt(rest2)));
    return true;
  }

  /** The part of `vector` orthogonal to the vectors admitted so far. */
  residual(vector: readonly number[]): number[] {
    const x = [...vector];
    for (const b of this.basis) {
      const proj = x.reduce((s, v, m) => s + v * at(b, m), 0);
      x.forEach((v, m) => {
        x[m] = v - proj * at(b, m);
      });
    }
    return x;
  }

  /** The admitted vectors, orthonormalised: a basis of their span. */
  get vectors(): readonly (readonly number[])[] {
    return this.basis;
  }
}
