/**
 * Proves the exact drift of c_k under one gradient-descent step,
 *   c_k(θ − η g) − c_k(θ) = η² (‖g_w‖² − ‖g_a‖²),
 * in two symbolic steps: (1) for arbitrary symbols g the difference is
 * η²(‖g_w‖² − ‖g_a‖²) − 2η(⟨w, g_w⟩ − ⟨a, g_a⟩), an identity of polynomials;
 * (2) with g = ∇L the bracket is the rescaling defect, which is 0 in every
 * activation pattern (proved here again with symbolic slopes, so it covers
 * every pattern of every homogeneous piecewise-linear activation).
 */
import Algebrite from "algebrite";
import { NEURONS, defineLoss, fail, incoming, outgoing, rescalingDefect } from "./symbolicNetwork.js";

for (const k of NEURONS) {
  Algebrite.clearall();
  const ws = incoming(k);
  const a = outgoing(k);
  const c = (v: (p: string) => string): string => `(${ws.map((p) => `(${v(p)})^2`).join(" + ")} - (${v(a)})^2)`;
  const step = c((p) => `${p} - eta*g${p}`);
  const before = c((p) => p);
  const quadratic = `eta^2*${c((p) => `g${p}`)}`;
  const linear = `-2*eta*(${ws.map((p) => `${p}*g${p}`).join(" + ")} - ${a}*g${a})`;
  const remainder = Algebrite.run(`expand(${step} - ${before} - ${quadratic} - (${linear}))`);
  if (remainder !== "0") fail(`neuron ${k}: expansion leaves ${remainder}`);
  console.log(`proved: c_${k}(theta - eta g) - c_${k}(theta) = eta^2(|g_w|^2 - |g_a|^2) - 2 eta(<w,g_w> - <a,g_a>) for symbolic g`);
}
defineLoss(["s11", "s12", "s21", "s22"]);
for (const k of NEURONS) {
  const defect = rescalingDefect(k);
  if (defect !== "0") fail(`neuron ${k}: <w, grad_w L> - <a, grad_a L> = ${defect}`);
  console.log(
    `proved: with g = grad L the linear term vanishes for neuron ${k} (symbolic slopes), so the drift is exactly eta^2(|g_w|^2 - |g_a|^2)`,
  );
}
