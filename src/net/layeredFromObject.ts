import { InputError } from "../errors.js";
import { exactMatrix, exactVector } from "./_internals/exactText.js";
import { chainLayers } from "./_internals/chainLayers.js";
import { jsonBrief } from "./_internals/jsonBrief.js";
import { parseActivation } from "./parseActivation.js";
import type { Layer, LayeredNetwork } from "./layeredNetwork.js";

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
    throw new InputError({ field: "network", expected: "a JSON object with `layers`", value: what });
  const o = obj as Record<string, unknown>;
  for (const key of Object.keys(o))
    if (key !== "layers" && key !== "activation")
      throw new InputError({ field: `key in \`${what}\``, expected: "layers or activation", value: key });
  if (o.activation !== undefined && typeof o.activation !== "string")
    throw new InputError({ field: `activation in \`${what}\``, expected: "a string", value: jsonBrief(o.activation) });
  const activation = parseActivation((o.activation as string | undefined) ?? "relu", `activation in \`${what}\``);
  if (!Array.isArray(o.layers))
    throw new InputError({ field: `layers in \`${what}\``, expected: "an array of { W, b? }", value: jsonBrief(o.layers) });
  const names = o.layers.map((_, i) => `layers[${i}]`);
  const layers: Layer<string>[] = o.layers.map((layer: unknown, i) => {
    if (layer === null || typeof layer !== "object" || Array.isArray(layer))
      throw new InputError({ field: `layers[${i}] in \`${what}\``, expected: "an object { W, b? }", value: jsonBrief(layer) });
    const l = layer as Record<string, unknown>;
    for (const key of Object.keys(l))
      if (key !== "W" && key !== "b") throw new InputError({ field: `key of layers[${i}] in \`${what}\``, expected: "W or b", value: key });
    const W = exactMatrix(l.W, `layers[${i}].W`, what);
    return { W, b: l.b === undefined ? undefined : exactVector(l.b, `layers[${i}].b`, what) };
  });
  return chainLayers(layers, names, activation, what);
}
