import type { Dataset } from "../../net/readDataset.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { at } from "../../scalar/at.js";
import type { Scalar } from "../../scalar/scalar.js";
import { hiddenAndOutput } from "./hiddenAndOutput.js";

/** @internal A scalar activation outside relutopo's homogeneous family, with its derivative. */
export interface CustomActivation<T> {
  sigma(z: T): T;
  dsigma(z: T): T;
}

/**
 * dc_k/dt = −2(⟨∇_{w̃_k}L, w̃_k⟩ − ⟨∇_{a_k}L, a_k⟩) along θ' = −∇L(θ), for a network
 * whose activation is replaced by `act` (mean squared error). The gradient is computed
 * by its own back-propagation here, since src/net only knows homogeneous activations.
 *
 * @internal
 */
export function invariantRates<T>(net: LayeredNetwork<T>, data: Dataset<T>, S: Scalar<T>, act: CustomActivation<T>): T[] {
  const [hidden, output] = hiddenAndOutput(net);
  const n = data.X.length;
  const scale = S.div(S.fromInt(2), S.fromInt(n));
  const weighted = (w: readonly T[], x: readonly T[], bias: T): T => w.reduce((s, v, m) => S.add(s, S.mul(v, at(x, m))), bias);
  const inW = hidden.W.map(() => S.zero); // Σ_i δ_ik z_ik = ⟨∇_w̃ L, w̃⟩ · n/2
  const outA = hidden.W.map(() => S.zero); // Σ_i Σ_j r_ij a_jk σ(z_ik) = ⟨∇_a L, a⟩ · n/2
  for (const [i, x] of data.X.entries()) {
    const y = at(data.Y, i);
    const z = hidden.W.map((w, k) => weighted(w, x, hidden.b ? at(hidden.b, k) : S.zero));
    const h = z.map(act.sigma);
    const r = output.W.map((a, j) => S.sub(weighted(a, h, output.b ? at(output.b, j) : S.zero), at(y, j)));
    for (const [k, zk] of z.entries()) {
      // back = Σ_j a_jk r_j, the error reaching neuron k.
      const back = output.W.reduce((s, a, j) => S.add(s, S.mul(at(a, k), at(r, j))), S.zero);
      inW[k] = S.add(at(inW, k), S.mul(S.mul(back, act.dsigma(zk)), zk));
      outA[k] = S.add(at(outA, k), S.mul(back, at(h, k)));
    }
  }
  const two = S.fromInt(2);
  return inW.map((v, k) => S.neg(S.mul(two, S.mul(scale, S.sub(v, at(outA, k))))));
}
