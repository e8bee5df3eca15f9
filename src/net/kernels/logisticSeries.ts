import { fdiv } from "../../scalar/fixedPoint.js";
import type { FixedNet } from "./fixedNet.js";
import { fixedExp } from "./fixedTranscendental.js";

/**
 * Order q of σ(f) = 1/(1 + u), u = e^{−f}, as truncated power series in fixed point,
 * from f's coefficients 0 … q and the orders below q of u and σ (binary cross-entropy's
 * residual σ(f) − y in the Taylor kernels): u' = −f'u gives u_q, and σ·(1 + u) = 1 gives σ_q.
 *
 * @internal
 */
export function logisticSeriesAt(p: Pick<FixedNet, "F" | "Dec">, f: readonly bigint[], u: bigint[], sigma: bigint[], q: number): void {
  const { F } = p;
  const P = F.bigP;
  if (q === 0) {
    u[0] = fixedExp(p, -f[0]!);
    sigma[0] = fdiv(F, F.ONE, F.ONE + u[0]!);
    return;
  }
  let s = 0n;
  for (let r = 1; r <= q; r++) s += BigInt(r) * f[r]! * u[q - r]!;
  u[q] = -(s >> P) / BigInt(q);
  let t = 0n;
  for (let r = 1; r <= q; r++) t += u[r]! * sigma[q - r]!;
  sigma[q] = -(((t >> P) * sigma[0]!) >> P);
}
