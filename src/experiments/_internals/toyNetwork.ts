import type { LayeredNetwork } from "../../net/layeredNetwork.js";
import type { Scalar } from "../../scalar/scalar.js";
import { TOY_NETS, type ToyStart } from "../toyProblem.js";

/** @internal A toy start as the layered network of its two weight layers, its exact text parsed in arithmetic `S`. */
export function toyNetwork<T>(start: ToyStart, S: Scalar<T>): LayeredNetwork<T> {
  const { activation, W1, b1, W2 } = TOY_NETS[start];
  const parse = (row: readonly string[]): T[] => row.map((v) => S.parse(v));
  return { activation, layers: [{ W: W1.map(parse), b: b1 && parse(b1) }, { W: W2.map(parse) }] };
}
