import { forward } from "../net/forward.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import { exact, type Rational } from "../scalar/exact.js";
import { originNeurons } from "./_internals/originNeurons.js";
import { at } from "../scalar/at.js";

/**
 * A neuron that outputs 0 on every data point (relu, leaky_relu:0 or abs), or sits at the origin
 * (any activation), and what is proven about how long:
 * `forever` means its incoming and outgoing parameters never change under those dynamics,
 * `start` that its gradient is zero at the start only, `kink` that some pre-activation is exactly 0,
 * where the flow is decided by its Filippov analysis (docs/theory.md §2.1), not by this test.
 */
export interface DeadNeuron {
  /** Hidden layer, from 1. */
  layer: number;
  /** Neuron, from 0. */
  neuron: number;
  /** Under gradient descent with PyTorch's σ'(0) = 0 (full batch or any batch). */
  gd: "forever" | "start";
  /** Under gradient flow (Filippov solutions). */
  flow: "forever" | "start" | "kink";
  /** Why, in words. */
  reason: string;
}

/**
 * The dead neurons of θ on the data, decided in exact rationals.
 *
 * - Any activation: a neuron at the origin (incoming weights, bias and outgoing weights all 0)
 *   never moves under any dynamics: σ(0) = 0 and its zero outgoing weights make every gradient of
 *   it vanish, and along the flow ‖θ̇_k‖ ≤ C‖θ_k‖ keeps θ_k = 0 (docs/theory.md, "Balanced and
 *   zero neurons").
 * - relu, and leaky_relu with slope 0 (the same function, with PyTorch's σ′(0) = 0 too), first
 *   hidden layer (it reads the data, which never changes): z_{k,i} < 0 at every point gives
 *   σ'(z) = 0 and σ(z) = 0 there, so the gradients of the neuron's incoming weights, bias and
 *   outgoing weights vanish; nothing moves z, so this lasts forever, for gradient descent and for
 *   the flow (the condition is open, so every Filippov solution has zero velocity in those
 *   coordinates). z ≤ 0 with some z = 0 gives the same under gradient descent (σ'(0) = 0); the
 *   flow sits on a kink.
 * - relu, deeper layers read relu outputs h ≥ 0: incoming weights ≤ 0 and a bias < 0 give
 *   z ≤ b < 0 for every input, forever, whatever the earlier layers do (a bias ≤ 0 or none: z ≤ 0,
 *   forever under gradient descent). Otherwise a neuron with z < 0 at every point of the exact
 *   forward pass is dead at the start only: its inputs move during training and may wake it.
 * - abs, first hidden layer: z = 0 at every data point gives σ(z) = 0 and, with PyTorch's
 *   abs′(0) = 0, σ′(z) = 0: frozen under gradient descent; the flow sits on a kink.
 *
 * leaky_relu with a slope ≠ 0 and linear have no other dead neurons (σ′ never vanishes).
 *
 * @param net - the network θ, exact
 * @param X - the data inputs, exact
 * @returns the dead neurons, layer by layer
 * @example const net = { activation: { kind: "relu" }, layers: [{ W: [[exact.parse("-1")], [exact.parse("1")]] }, { W: [[exact.parse("1"), exact.parse("1")]] }] };
 * deadNeurons(net, [[exact.parse("2")]]).map((d) => [d.neuron, d.gd, d.flow])
 * // returns [[0, "forever", "forever"]]
 */
export function deadNeurons(net: LayeredNetwork<Rational>, X: readonly (readonly Rational[])[]): DeadNeuron[] {
  const layered = net;
  const act = net.activation;
  const reluLike = act.kind === "relu" || (act.kind === "leaky_relu" && exact.sign(exact.parse(act.slope)) === 0);
  const origin = new Set(originNeurons(layered).map(([h, k]) => `${h},${k}`));
  if (!reluLike && act.kind !== "abs" && origin.size === 0) return [];
  const { preActivations } = forward(layered, X, exact);
  const out: DeadNeuron[] = [];
  for (let h = 1; h < layered.layers.length; h++) {
    const { W, b } = at(layered.layers, h - 1);
    const Z = at(preActivations, h - 1);
    W.forEach((w, k) => {
      if (origin.has(`${h},${k}`)) {
        out.push({
          layer: h,
          neuron: k,
          gd: "forever",
          flow: "forever",
          reason: "at the origin (incoming and outgoing weights all 0): every gradient of it is 0, under any dynamics",
        });
        return;
      }
      const signs = Z.map((z) => exact.sign(at(z, k)));
      if (act.kind === "abs") {
        if (h === 1 && signs.every((s) => s === 0))
          out.push({
            layer: h,
            neuron: k,
            gd: "forever",
            flow: "kink",
            reason:
              "z = 0 at every data point: frozen under gradient descent (abs(0) = 0, abs'(0) = 0 as in PyTorch); the flow starts on a kink",
          });
        return;
      }
      if (!reluLike) return;
      const negative = signs.every((s) => s < 0);
      const nonPositive = signs.every((s) => s <= 0);
      const zeros = signs.filter((s) => s === 0).length;
      if (h === 1) {
        if (negative)
          out.push({
            layer: h,
            neuron: k,
            gd: "forever",
            flow: "forever",
            reason: "z < 0 at every data point: zero gradient, and z never moves",
          });
        else if (nonPositive)
          out.push({
            layer: h,
            neuron: k,
            gd: "forever",
            flow: "kink",
            reason: `z ≤ 0 at every data point, = 0 at ${zeros}: frozen under gradient descent (σ'(0) = 0); the flow starts on a kink`,
          });
        return;
      }
      const weightsNonPositive = w.every((v) => exact.sign(v) <= 0);
      const biasSign = b ? exact.sign(at(b, k)) : 0;
      if (weightsNonPositive && biasSign < 0)
        out.push({
          layer: h,
          neuron: k,
          gd: "forever",
          flow: "forever",
          reason: "incoming weights ≤ 0, bias < 0: z ≤ b < 0 for every relu input",
        });
      else if (weightsNonPositive && biasSign <= 0)
        out.push({
          layer: h,
          neuron: k,
          gd: "forever",
          flow: negative ? "start" : "kink",
          reason: "incoming weights ≤ 0, bias ≤ 0 or none: z ≤ 0 for every relu input, frozen under gradient descent",
        });
      else if (nonPositive)
        out.push({
          layer: h,
          neuron: k,
          gd: "start",
          flow: negative ? "start" : "kink",
          reason: negative ? "z < 0 at every data point at the start" : `z ≤ 0 at every data point at the start, = 0 at ${zeros}`,
        });
    });
  }
  return out;
}
