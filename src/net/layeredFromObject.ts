import { InputError } from "../errors.js";
import { exactMatrix, exactVector } from "./_internals/exactText.js";
import { chainLayers } from "./_internals/chainLayers.js";
import { parseActivation } from "./parseActivation.js";
import type { DenseLayer, LayeredNetwork } from "./layeredNetwork.js";

/**
 * Validates a parsed network of any depth, `{ "layers": [{ "W": …, "b": … }, …], "activation": … }`
 * (W of layer l is n_l × n_{l−1} as in PyTorch, b optional; numbers as exact text), into a {@link LayeredNetwork}.
 * The activation defaults to `relu` when absent.
 *
 * @param obj - the parsed JSON (numbers as strings, see `readJson`)
 * @param what - the file name, for messages
 * @throws InputError naming the first problem: an unknown key, a malformed number, layers that do not fit
 * @example layeredFromObject({ layers: [{ W: [["1"]] }, { W: [["2"]], b: ["0"] }] }, "net").layers.length // returns 2
 */
export function layeredFromObject(obj: unknown, what: string): LayeredNetwork<string> {
  if (obj === null || typeof obj !== "object" || Array.isArray(obj))
    throw new InputError(`invalid network \`${what}\`: must be a JSON object with \`layers\`.`);
  const o = obj as Record<string, unknown>;
  for (const key of Object.keys(o))
    if (key !== "layers" && key !== "activation")
      throw new InputError(`invalid network \`${what}\`: unknown key \`${key}\` (expected layers, activation).`);
  if (o.activation !== undefined && typeof o.activation !== "string")
    throw new InputError(`invalid network \`${what}\`: activation must be a string.`);
  const activation = parseActivation((o.activation as string | undefined) ?? "relu");
  if (!Array.isArray(o.layers)) throw new InputError(`invalid network \`${what}\`: layers must be an array of { W, b? }.`);
  const names = o.layers.map((_, i) => `layers[${i}]`);
  const layers: DenseLayer<string>[] = o.layers.map((layer: unknown, i) => {
    if (layer === null || typeof layer !== "object" || Array.isArray(layer))
      throw new InputError(`invalid network \`${what}\`: ${names[i]} must be an object { W, b? }.`);
    const l = layer as Record<string, unknown>;
    for (const key of Object.keys(l))
      if (key !== "W" && key !== "b")
        throw new InputError(`invalid network \`${what}\`: unknown key \`${key}\` in ${names[i]} (expected W, b).`);
    const W = exactMatrix(l.W, `${names[i]}.W`, what);
    return { W, b: l.b === undefined ? undefined : exactVector(l.b, `${names[i]}.b`, what) };
  });
  return chainLayers(layers, names, activation, what);
}
