import { at } from "../scalar/at.js";
import { InputError } from "../errors.js";
import { readJson } from "../io/readJson.js";
import { exactMatrix, exactTensor, exactVector } from "./_internals/exactText.js";
import { jsonBrief } from "./_internals/jsonBrief.js";
import { parseActivation } from "./parseActivation.js";
import { layeredFromObject } from "./layeredFromObject.js";
import type { LayeredNetwork } from "./layeredNetwork.js";
import { layersFromStateDict, type StateDictTensor } from "./layersFromStateDict.js";
import { networkFromObject } from "./networkFromObject.js";
import { refuseOversizedNetwork } from "./_internals/refuseOversizedNetwork.js";

/**
 * Parses network JSON of any of the three forms, told apart by their keys:
 * the two-layer `{ W1, b1?, W2, b2?, activation? }` (read by `networkFromObject` as two layers),
 * `{ layers: [{ W, b? }, …], activation? }` of any depth, and a PyTorch `nn.Sequential`
 * `state_dict` `{ "0.weight": …, "0.bias": …, "2.weight": …, activation? }` (convolution kernels as nested
 * arrays of 3 or 4 levels, BatchNorm modules with their running statistics, as `layersFromStateDict` reads them).
 * Numbers are kept as their exact text.
 *
 * @param text - the JSON text
 * @param what - the file name, for messages
 * @param layers - for a state_dict, the module names of the chain in order (default: all, in the file's order)
 * @param eps - for a state_dict, the ε of its BatchNorms (default PyTorch's 1e-5, exactly)
 * @returns the network as layers, whichever form it was written in
 * @throws InputError naming the first problem
 * @example readAnyNetwork('{"0.weight": [[1]], "2.weight": [[2]]}', "net").layers.length // returns 2
 */
export function readAnyNetwork(text: string, what = "network", layers?: readonly string[], eps?: string): LayeredNetwork<string> {
  refuseOversizedNetwork(text, what);
  const obj = readJson(text, what);
  if (obj !== null && typeof obj === "object" && !Array.isArray(obj)) {
    const keys = Object.keys(obj);
    if (keys.includes("layers")) return layeredFromObject(obj, what);
    if (keys.some((k) => /\.(weight|bias)$/.test(k))) return stateDictFromObject(obj as Record<string, unknown>, what, layers, eps);
  }
  return networkFromObject(obj);
}

function stateDictFromObject(o: Record<string, unknown>, what: string, layers?: readonly string[], eps?: string): LayeredNetwork<string> {
  if (o.activation !== undefined && typeof o.activation !== "string")
    throw new InputError({ field: `activation in \`${what}\``, expected: "a string", value: jsonBrief(o.activation) });
  const activation = parseActivation((o.activation as string | undefined) ?? "relu", `activation in \`${what}\``);
  const entries = Object.entries(o)
    .filter(([k]) => k !== "activation")
    .map(([k, v]): [string, StateDictTensor] => {
      // a step counter is a bare number; a convolution's kernel nests 3 or 4 levels deep
      if (k.endsWith(".num_batches_tracked")) return [k, { shape: [], values: [] }];
      if (k.endsWith(".weight") && Array.isArray(v) && Array.isArray(v[0]) && Array.isArray(v[0][0]))
        return [k, exactTensor(v, `\`${k}\``, what)];
      if (k.endsWith(".weight") && Array.isArray(v) && Array.isArray(v[0])) {
        const W = exactMatrix(v, `\`${k}\``, what);
        // exactMatrix gives at least one row
        return [k, { shape: [W.length, at(W, 0).length], values: W.flat() }];
      }
      const b = exactVector(v, `\`${k}\``, what);
      return [k, { shape: [b.length], values: b }];
    });
  return layersFromStateDict(entries, activation, what, layers, eps);
}
