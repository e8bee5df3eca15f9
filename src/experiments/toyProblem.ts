import type { Dataset } from "../net/readDataset.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";

/** The two starts of the toy problem. */
export type ToyStart = "obstructed" | "good";
export const TOY_STARTS: readonly ToyStart[] = ["obstructed", "good"];

/**
 * The toy data: y = |x| at x = ±1, ±1/2. Fitting it with two ReLU neurons and
 * no output bias needs both output weights positive (f = relu(x) + relu(−x)).
 * A network whose output weights are both ≤ 0 has f ≤ 0 and so a loss of at
 * least mean(y²) = 5/8.
 */
export const TOY_DATA: Dataset<string> = {
  X: [["-1"], ["-1/2"], ["1/2"], ["1"]],
  Y: [["1"], ["1/2"], ["1/2"], ["1"]],
};

/** The least loss of any network with both output weights ≤ 0 on {@link TOY_DATA}: mean(y²). */
export const TOY_OBSTRUCTED_FLOOR = "5/8";

/**
 * The two starts, exact. `obstructed`: both neurons pathological
 * (c₁ = −3/5, c₂ = −47/100) with negative output weights, so by docs/theory.md §3
 * they stay negative forever. `good`: the same function (each neuron rescaled
 * by λ = 2, w̃ ↦ 2w̃, a ↦ a/2), now with c₁ = 27/20, c₂ = 463/400 > 0, so the
 * output weights are free to change sign.
 */
export const TOY_NETS: Readonly<Record<ToyStart, LayeredNetwork<string>>> = {
  obstructed: {
    activation: { kind: "relu" },
    layers: [{ W: [["3/5"], ["-1/2"]], b: ["1/5", "3/10"] }, { W: [["-1", "-9/10"]] }],
  },
  good: {
    activation: { kind: "relu" },
    layers: [{ W: [["6/5"], ["-1"]], b: ["2/5", "3/5"] }, { W: [["-1/2", "-9/20"]] }],
  },
};
