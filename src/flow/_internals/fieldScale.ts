import { fixedToDouble } from "../../scalar/fixedPoint.js";
import { at } from "../../scalar/at.js";
import type { FlowProblem } from "./flowProblem.js";
import { stepField } from "./stepField.js";

/**
 * The scales of the field F near θ, as doubles: its largest component (`speed`, floored at
 * 10^−30) and a crude Lipschitz constant (`lipschitz`, at least 1), the directional difference
 * quotient along the field within θ's activation pattern (no jump across a kink). Gauss–Legendre
 * sizes its trial step from `lipschitz`, and the up-front estimate of its work follows the same
 * rule from both.
 *
 * @internal
 */
export function fieldScale(p: FlowProblem, theta: readonly bigint[]): { lipschitz: number; speed: number } {
  const base = stepField(p, theta);
  const f0 = base.field;
  // reduce, not Math.max(...): a net of 10^5 parameters overflows the call stack as arguments
  const speed = f0.reduce((m, v) => Math.max(m, Math.abs(fixedToDouble(p.F, v))), 1e-30);
  const eps = 1e-6 / speed;
  const shift = BigInt(Math.round(eps * 2 ** 40));
  const moved = theta.map((v, i) => v + ((shift * at(f0, i)) >> 40n));
  const f1 = stepField(p, moved, base.pattern).field; // same pattern: no jump across a kink
  const diff = f1.reduce((m, v, i) => Math.max(m, Math.abs(fixedToDouble(p.F, v - at(f0, i)))), 0);
  return { lipschitz: Math.max(1, (2 * diff) / (eps * speed)), speed };
}
