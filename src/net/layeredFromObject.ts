import { InputError } from "../errors.js";
import { exactMatrix, exactVector } from "./_internals/exactText.js";
import { chainLayers } from "./_internals/chainLayers.js";
import { jsonBrief } from "./_internals/jsonBrief.js";
import { parseActivation } from "./parseActivation.js";
import type { BatchNorm, Convolution, Layer, LayeredNetwork, Pooling } from "./layeredNetwork.js";
import { at } from "../scalar/at.js";
import { parseRational } from "../scalar/parseRational.js";

/**
 * Validates a parsed network of any depth, `{ "layers": [{ "W": …, "b": … }, …], "activation": … }`
 * (W of layer l is n_l × n_{l−1} as in PyTorch, b optional; numbers as exact text), into a {@link LayeredNetwork}.
 * A layer may also carry what the in-memory `Layer` does: `conv` ({ kernel, groups, stride?, padding? },
 * W then one row per output channel, its kernel flattened), `norm` ({ kind?, gamma, beta, eps }: BatchNorm in
 * training mode, or with `kind: "layer"` a LayerNorm over a linear layer's units) and `pool` ({ kind, kernel, stride }); the object may carry `input` ({ channels, size }).
 * So an exact convolutional network can be written by hand. The activation defaults to `relu` when absent.
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
    if (key !== "layers" && key !== "activation" && key !== "input")
      throw new InputError({ field: `key in \`${what}\``, expected: "layers, activation or input", value: key });
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
      if (!LAYER_KEYS.has(key))
        throw new InputError({ field: `key of layers[${i}] in \`${what}\``, expected: "W, b, conv, norm or pool", value: key });
    const W = exactMatrix(l.W, `layers[${i}].W`, what);
    const out: Layer<string> = { W, b: l.b === undefined ? undefined : exactVector(l.b, `layers[${i}].b`, what) };
    const conv = l.conv === undefined ? undefined : convolutionOf(l.conv, `layers[${i}].conv`, what);
    const norm = l.norm === undefined ? undefined : normOf(l.norm, `layers[${i}].norm`, what, W.length);
    const pool = l.pool === undefined ? undefined : poolOf(l.pool, `layers[${i}].pool`, what);
    // a LayerNorm after a convolution normalises over channels and positions together: its laws are not these
    if (norm?.kind === "layer" && conv !== undefined)
      throw new InputError({
        field: `layers[${i}].norm.kind in \`${what}\``,
        expected: "a LayerNorm after a linear layer only",
        value: "layer after a convolution",
      });
    return { ...out, ...(conv && { conv }), ...(norm && { norm }), ...(pool && { pool }) };
  });
  const input = o.input === undefined ? undefined : inputOf(o.input, what);
  return chainLayers(layers, names, activation, what, input);
}

const LAYER_KEYS = new Set(["W", "b", "conv", "norm", "pool"]);

/** An object with exactly the keys allowed (the required ones present). */
function fields(
  v: unknown,
  where: string,
  what: string,
  required: readonly string[],
  optional: readonly string[],
): Record<string, unknown> {
  const all = [...required, ...optional];
  const form = `an object { ${[...required, ...optional.map((k) => `${k}?`)].join(", ")} }`;
  if (v === null || typeof v !== "object" || Array.isArray(v))
    throw new InputError({ field: `${where} in \`${what}\``, expected: form, value: jsonBrief(v) });
  const o = v as Record<string, unknown>;
  const wrong = Object.keys(o).find((k) => !all.includes(k)) ?? required.find((k) => o[k] === undefined);
  if (wrong !== undefined) throw new InputError({ field: `${where} in \`${what}\``, expected: form, value: jsonBrief(v) });
  return o;
}

/**
 * A list of one or two positive integers (a kernel, a stride) or, with `zero`, non-negative ones (a padding), given as
 * JSON numbers; with `fewest` 0 possibly empty (the input size a checkpoint does not store).
 */
function sizes(v: unknown, where: string, what: string, zero = false, fewest = 1): number[] {
  const ok =
    Array.isArray(v) &&
    v.length >= fewest &&
    v.length <= 2 &&
    v.every((x) => typeof x === "string" && /^\d+$/.test(x) && (zero || Number(x) > 0));
  if (!ok)
    throw new InputError({
      field: `${where} in \`${what}\``,
      expected: `a list of ${fewest === 0 ? "up to" : "one or"} two ${zero ? "non-negative" : "positive"} integers`,
      value: jsonBrief(v),
    });
  return (v as string[]).map(Number);
}

function convolutionOf(v: unknown, where: string, what: string): Convolution {
  const o = fields(v, where, what, ["kernel"], ["groups", "stride", "padding"]);
  const kernel = sizes(o.kernel, `${where}.kernel`, what);
  const groups = o.groups === undefined ? 1 : at(sizes([o.groups], `${where}.groups`, what), 0);
  const stride = o.stride === undefined ? undefined : sizes(o.stride, `${where}.stride`, what);
  const padding = o.padding === undefined ? undefined : sizes(o.padding, `${where}.padding`, what, true);
  return { kernel, groups, ...(stride && { stride }), ...(padding && { padding }) };
}

function normOf(v: unknown, where: string, what: string, units: number): BatchNorm<string> {
  const o = fields(v, where, what, ["gamma", "beta", "eps"], ["kind"]);
  if (o.kind !== undefined && o.kind !== "batch" && o.kind !== "layer")
    throw new InputError({ field: `${where}.kind in \`${what}\``, expected: "batch or layer", value: jsonBrief(o.kind) });
  const eps = exactVector([o.eps], `${where}.eps`, what)[0] ?? "0";
  if (parseRational(eps).num < 0n) throw new InputError({ field: `${where}.eps in \`${what}\``, expected: "ε ≥ 0", value: eps });
  const kind = o.kind === "layer" ? ({ kind: "layer" } as const) : {};
  return {
    ...kind,
    gamma: exactVector(o.gamma, `${where}.gamma`, what, units),
    beta: exactVector(o.beta, `${where}.beta`, what, units),
    eps,
  };
}

function poolOf(v: unknown, where: string, what: string): Pooling {
  const o = fields(v, where, what, ["kind", "kernel"], ["stride"]);
  if (o.kind !== "max" && o.kind !== "avg")
    throw new InputError({ field: `${where}.kind in \`${what}\``, expected: "max or avg", value: jsonBrief(o.kind) });
  const kernel = sizes(o.kernel, `${where}.kernel`, what);
  return { kind: o.kind, kernel, stride: o.stride === undefined ? kernel : sizes(o.stride, `${where}.stride`, what) };
}

function inputOf(v: unknown, what: string): { channels: number; size: number[] } {
  const o = fields(v, "input", what, ["channels", "size"], []);
  return { channels: at(sizes([o.channels], "input.channels", what), 0), size: sizes(o.size, "input.size", what, false, 0) };
}
