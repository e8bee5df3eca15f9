import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import { networkIn } from "../../net/networkIn.js";
import type { Scalar } from "../../scalar/scalar.js";
import { TOY_NETS, type ToyStart } from "../toyProblem.js";

/** @internal A toy start, its exact text parsed in arithmetic `S`. */
export function toyNetwork<T>(start: ToyStart, S: Scalar<T>): LayeredNetwork<T> {
  return networkIn(TOY_NETS[start], S);
}
