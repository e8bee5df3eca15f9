/**
 * Proves the batch normalisation laws of docs/convolutions.md §2–§3 symbolically, for a channel
 * fed by a kernel K = (k1, k2) and a bias b on three data points x_i, with ẑ_i = (z_i − μ)/√(σ² + ε):
 * (1) the ε-corrected drift ⟨K, ∇_K L⟩ = ε/(σ² + ε) · Σ_i ẑ_i ∂L/∂ẑ_i,
 * (2) at ε = 0 the scale invariance ⟨K, ∇_K L⟩ = 0,
 * (3) the zero gradient of the bias, ∂L/∂b = 0 for every ε.
 * At one point θ the chain rule sees the rest of the network only through the numbers
 * t_i = ∂L/∂ẑ_i, so L = Σ_i t_i ẑ_i with symbolic t_i stands for every loss.
 */
import Algebrite from "algebrite";
import { fail } from "./symbolicNetwork.js";

const run = (s: string): string => Algebrite.run(s);
const POINTS = [1, 2, 3];
const z = POINTS.map((i) => `(k1*x${i}1 + k2*x${i}2 + b)`);
const mean = `((${z.join(" + ")})/${POINTS.length})`;
const centred = z.map((zi) => `(${zi} - ${mean})`);
const variance = `((${centred.map((c) => `${c}^2`).join(" + ")})/${POINTS.length})`;
const zhat = (eps: string): string[] => centred.map((c) => `${c}*(${variance} + ${eps})^(-1/2)`);
const loss = (eps: string): string =>
  zhat(eps)
    .map((h, i) => `t${i + 1}*${h}`)
    .join(" + ");
const euler = (eps: string): string => `k1*d(${loss(eps)}, k1) + k2*d(${loss(eps)}, k2)`;

const drift = run(`simplify(${euler("e")} - e/(${variance} + e)*(${loss("e")}))`);
if (drift !== "0") fail(`<K, grad_K L> - e/(var + e) * sum t_i zhat_i = ${drift}`);
console.log("proved: <K, grad_K L> = eps/(sigma^2 + eps) * sum_i zhat_i dL/dzhat_i (three points, a kernel of two entries)");

const invariance = run(`simplify(${euler("0")})`);
if (invariance !== "0") fail(`<K, grad_K L> at eps = 0 is ${invariance}`);
console.log("proved: <K, grad_K L> = 0 at eps = 0 (scale invariance)");

const bias = run(`simplify(d(${loss("e")}, b))`);
if (bias !== "0") fail(`dL/db = ${bias}`);
console.log("proved: dL/db = 0 for every eps (the bias before a batch normalisation)");
