import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { exact, type Rational } from "../../scalar/exact.js";
import { at } from "../../scalar/at.js";

/**
 * The hidden neurons at the origin, as [hidden layer from 1, neuron from 0]: every incoming
 * weight, the bias and every outgoing weight exactly 0. Such a neuron never moves, under any
 * activation and any of relutopo's dynamics: its output σ(0) = 0 makes the gradients of its
 * outgoing weights vanish, its zero outgoing weights make the gradients of its incoming ones
 * vanish (whatever σ′(0) is), so gradient descent, SGD, momentum and Adam (m = v = 0) leave it
 * at 0; along the gradient flow and the heavy ball from rest, ‖θ̇_k‖ ≤ C‖θ_k‖ (docs/theory.md,
 * "Balanced and zero neurons") and Grönwall keeps θ_k = 0.
 *
 * @internal
 */
export function originNeurons(net: LayeredNetwork<Rational>): [number, number][] {
  const zero = (v: Rational): boolean => exact.sign(v) === 0;
  const out: [number, number][] = [];
  for (let h = 1; h < net.layers.length; h++) {
    const { W, b } = at(net.layers, h - 1);
    const next = at(net.layers, h).W;
    W.forEach((w, k) => {
      if (w.every(zero) && (b === undefined || zero(at(b, k))) && next.every((row) => zero(at(row, k)))) out.push([h, k]);
    });
  }
  return out;
}
