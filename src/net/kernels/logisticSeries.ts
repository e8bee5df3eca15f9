import { at } from "../../scalar/at.js";
import { cauchyAt } from "./_internals/seriesProducts.js";
import type { FixedLayeredNet } from "./fixedLayeredNet.js";
import { fixedSigmoid } from "./fixedTranscendental.js";

/**
 * Order q of σ(f) = 1/(1 + e^{−f}) as a truncated power series in fixed point, from f's
 * coefficients 0 … q and the orders below q of σ and of w = σ(1 − σ) (binary
 * cross-entropy's residual σ(f) − y in the Taylor kernels). σ' = w·f' gives
 * σ_q = (1/q)·Σ_r r·f_r·w_{q−r}, then w_q = σ_q − (σ²)_q: every term stays in [0, 1]
 * whatever f is (a series of e^{−f} would overflow for f ≪ 0).
 *
 * @internal
 */
export function logisticSeriesAt(
  p: Pick<FixedLayeredNet, "F" | "Dec">,
  f: readonly bigint[],
  w: bigint[],
  sigma: bigint[],
  q: number,
): void {
  const P = p.F.bigP;
  if (q === 0) sigma[0] = fixedSigmoid(p, at(f, 0));
  else {
    let s = 0n;
    for (let r = 1; r <= q; r++) s += BigInt(r) * at(f, r) * at(w, q - r);
    sigma[q] = (s >> P) / BigInt(q);
  }
  w[q] = at(sigma, q) - (cauchyAt(sigma, sigma, q) >> P);
}
