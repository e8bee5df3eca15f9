import type { Decimal } from "decimal.js";
import { decimalContext } from "../scalar/decimalContext.js";
import { at } from "../scalar/at.js";

/** An s-stage Gauss–Legendre Butcher tableau on [0, 1]: nodes c, weights b, matrix A. */
export interface ButcherTableau {
  c: Decimal[];
  b: Decimal[];
  A: Decimal[][];
}

/**
 * The s-stage Gauss–Legendre tableau (order 2s) at `digits` significant
 * digits: c_i are the zeros of the shifted Legendre polynomial P_s(2c − 1)
 * (Newton from Chebyshev-like guesses), b_i = 1/((1 − x_i²) P_s'(x_i)²) with
 * x = 2c − 1, and a_ij = ∫_0^{c_i} ℓ_j(τ) dτ from the Lagrange basis on the nodes.
 *
 * @param s - number of stages, ≥ 1
 * @param digits - working precision (add ~2s digits to absorb the Lagrange expansion's cancellation)
 * @example gaussLegendreTableau(1, 20).A[0][0].toString() // returns "0.5" (the implicit midpoint rule)
 */
export function gaussLegendreTableau(s: number, digits: number): ButcherTableau {
  const D = decimalContext(digits + 2 * s + 10, { rounding: "half-up", notation: "decimal.js" });
  const tol = new D(10).pow(-(digits + 2 * s + 5));
  // P_s(x) and P_s'(x) by the three-term recurrence.
  const legendre = (x: Decimal): [Decimal, Decimal] => {
    let p0 = new D(1);
    let p1 = new D(x);
    for (let k = 2; k <= s; k++) {
      const p2 = p1
        .times(x)
        .times(2 * k - 1)
        .minus(p0.times(k - 1))
        .div(k);
      p0 = p1;
      p1 = p2;
    }
    const pS = s === 0 ? p0 : p1;
    const pPrev = s === 1 ? new D(1) : p0;
    const dp = new D(s).times(x.times(pS).minus(pPrev)).div(x.times(x).minus(1));
    return [pS, dp];
  };
  const xs: Decimal[] = [];
  for (let i = 1; i <= s; i++) {
    let x = new D(Math.cos((Math.PI * (i - 0.25)) / (s + 0.5)));
    for (let it = 0; it < 200; it++) {
      const [p, dp] = legendre(x);
      const dx = p.div(dp);
      x = x.minus(dx);
      if (dx.abs().lt(tol)) break;
    }
    xs.push(x);
  }
  xs.reverse(); // increasing
  const c = xs.map((x) => x.plus(1).div(2));
  const b = xs.map((x) => {
    const [, dp] = legendre(x);
    return new D(1).div(new D(1).minus(x.times(x)).times(dp.times(dp)));
  });
  const A = c.map((ci) =>
    c.map((cj, j) => {
      // ℓ_j(τ) = Π_{m≠j} (τ − c_m)/(c_j − c_m), expanded in powers of τ.
      let poly: Decimal[] = [new D(1)];
      let denom = new D(1);
      c.forEach((cm, m) => {
        if (m === j) return;
        const next = new Array<Decimal>(poly.length + 1).fill(new D(0));
        poly.forEach((coef, q) => {
          next[q + 1] = at(next, q + 1).plus(coef);
          next[q] = at(next, q).minus(coef.times(cm));
        });
        poly = next;
        denom = denom.times(cj.minus(cm));
      });
      // ∫_0^{ci} Σ p_q τ^q dτ = Σ p_q ci^{q+1}/(q+1)
      let acc = new D(0);
      for (let q = poly.length - 1; q >= 0; q--) acc = acc.plus(at(poly, q).div(q + 1)).times(ci);
      return acc.div(denom);
    }),
  );
  return { c, b, A };
}
