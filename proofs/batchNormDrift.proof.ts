/**
 * Proves the batch normalisation laws of docs/convolutions.md §2–§3 symbolically, for a channel
 * fed by a kernel K = (k1, k2) and a bias b on three data points x_i, with ẑ_i = c_i·s where
 * c_i = z_i − μ and s = (σ² + ε)^(−1/2):
 * (1) the ε-corrected drift ⟨K, ∇_K L⟩ = ε/(σ² + ε) · Σ_i ẑ_i ∂L/∂ẑ_i (at ε = 0: scale invariance),
 * (2) the zero gradient of the bias, ∂L/∂b = 0 for every ε.
 * At one point θ the chain rule sees the rest of the network only through the numbers
 * t_i = ∂L/∂ẑ_i, so L = Σ_i t_i ẑ_i with symbolic t_i stands for every loss. The square root is the
 * symbol s with ds = −½ s³ d(σ²) (the chain rule for q^(−1/2)), and ε is eliminated by s²(σ² + ε) = 1,
 * so every check is the expansion of a polynomial: it ends quickly, true or false.
 */
import Algebrite from "algebrite";
import { fail } from "./symbolicNetwork.js";

const run = (s: string): string => Algebrite.run(s);
const POINTS = [1, 2, 3];
const KERNEL = ["k1", "k2"];
const z = POINTS.map((i) => `(${KERNEL.map((k, j) => `${k}*x${i}${j + 1}`).join(" + ")} + b)`);
const mean = `((${z.join(" + ")})/${POINTS.length})`;
const centred = z.map((zi) => `(${zi} - ${mean})`);
const variance = `((${centred.map((c) => `${c}^2`).join(" + ")})/${POINTS.length})`;

/** ∂L/∂p for L = Σ t_i c_i s: the product rule with ds/dp = −½ s³ dσ²/dp. */
const partial = (p: string): string => centred.map((c, i) => `t${i + 1}*(d(${c}, ${p})*s - 1/2*${c}*s^3*d(${variance}, ${p}))`).join(" + ");

const euler = KERNEL.map((k) => `${k}*(${partial(k)})`).join(" + ");
const sum = centred.map((c, i) => `t${i + 1}*${c}*s`).join(" + ");
// ε/(σ² + ε) = ε s², and ε = 1/s² − σ²
const epsilon = `(1/s^2 - ${variance})`;
const drift = run(`expand(${euler} - ${epsilon}*s^2*(${sum}))`);
if (drift !== "0") fail(`<K, grad_K L> - eps/(var + eps) * sum t_i zhat_i = ${drift}`);
console.log("proved: <K, grad_K L> = eps/(sigma^2 + eps) * sum_i zhat_i dL/dzhat_i (three points, a kernel of two entries); 0 at eps = 0");

const bias = run(`expand(${partial("b")})`);
if (bias !== "0") fail(`dL/db = ${bias}`);
console.log("proved: dL/db = 0 for every eps (the bias before a batch normalisation)");
