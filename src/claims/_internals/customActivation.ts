import type { Dataset } from "../../net/readDataset.js";
import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import type { Scalar } from "../../scalar/scalar.js";

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
  const n = data.X.length;
  const l = net.layers[0]!.W.length;
  const e = net.layers[1]!.W.length;
  const scale = S.div(S.fromInt(2), S.fromInt(n));
  const inW = new Array<T>(l).fill(S.zero); // Σ_i δ_ik z_ik = ⟨∇_w̃ L, w̃⟩ · n/2
  const outA = new Array<T>(l).fill(S.zero); // Σ_i Σ_j r_ij a_jk σ(z_ik) = ⟨∇_a L, a⟩ · n/2
  for (let i = 0; i < n; i++) {
    const x = data.X[i]!;
    const z = net.layers[0]!.W.map((w, k) => {
      let s = net.layers[0]!.b ? net.layers[0]!.b[k]! : S.zero;
      w.forEach((v, m) => {
        s = S.add(s, S.mul(v, x[m]!));
      });
      return s;
    });
    const h = z.map(act.sigma);
    const r = net.layers[1]!.W.map((a, j) => {
      let f = net.layers[1]!.b ? net.layers[1]!.b[j]! : S.zero;
      a.forEach((v, k) => {
        f = S.add(f, S.mul(v, h[k]!));
      });
      return S.sub(f, data.Y[i]![j]!);
    });
    for (let k = 0; k < l; k++) {
      let back = S.zero;
      for (let j = 0; j < e; j++) back = S.add(back, S.mul(net.layers[1]!.W[j]![k]!, r[j]!));
      inW[k] = S.add(inW[k]!, S.mul(S.mul(back, act.dsigma(z[k]!)), z[k]!));
      outA[k] = S.add(outA[k]!, S.mul(back, h[k]!));
    }
  }
  const two = S.fromInt(2);
  return inW.map((v, k) => S.neg(S.mul(two, S.mul(scale, S.sub(v, outA[k]!)))));
}
