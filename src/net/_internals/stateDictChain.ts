import { InputError } from "../../errors.js";
import { fileFault } from "../../io/fileFault.js";
import { at } from "../../scalar/at.js";
import type { Activation } from "../activation.js";
import type { Layer, LayeredNetwork } from "../layeredNetwork.js";
import { chainLayers, LINEAR_CHAIN } from "./chainLayers.js";
import { layerNormOf } from "./layerNormOf.js";
import { refuseNormalisation } from "./refuseNormalisation.js";

/** One tensor of a `state_dict`: its shape and its entries in row-major order. @internal */
export interface ChainTensor<T> {
  readonly shape: readonly number[];
  readonly values: readonly T[];
}

/** The state_dict names of one layer's tensors, for messages and for saying which law holds for which tensor. */
export interface LayerTensorNames {
  /** The weight, `conv1.weight`. */
  readonly weight: string;
  /** The bias, `conv1.bias`, when the layer has one. */
  readonly bias?: string | undefined;
  /** The module of the batch normalisation after it, `bn1` (its `bn1.weight` is γ, `bn1.bias` β). */
  readonly norm?: string | undefined;
}

/** The parameters a state_dict module may hold: a layer's, or a BatchNorm's with its running statistics. */
const KEY = /^(.+)\.(weight|bias|running_mean|running_var|num_batches_tracked)$/;

type Part = "weight" | "bias" | "running_mean" | "running_var" | "num_batches_tracked";

const shapeText = (shape: readonly number[]): string => `shape [${shape.join(", ")}]`;

/**
 * The chain of a state_dict (see `layersFromStateDict`, which documents the rules), with the names
 * of each layer's tensors.
 *
 * @param eps - the ε of every batch normalisation (a state_dict does not store it)
 * @internal
 */
export function stateDictChain<T>(
  entries: readonly (readonly [string, ChainTensor<T>])[],
  activation: Activation,
  what: string,
  eps: T,
  layers?: readonly string[],
): { net: LayeredNetwork<T>; names: LayerTensorNames[] } {
  const fault = (why: string): InputError => fileFault("network", LINEAR_CHAIN, what, why);
  const shapeFault = (tensor: string, expected: string, shape: readonly number[]): InputError =>
    new InputError({ field: `\`${tensor}\` in \`${what}\``, expected, value: shapeText(shape) });
  const modules = new Map<string, Partial<Record<Part, ChainTensor<T>>>>();
  const canonical = new Map<string, string>();
  for (const [name, tensor] of entries) {
    const m = KEY.exec(name);
    if (m === null)
      throw fault(
        `unknown tensor \`${name}\` (relutopo reads the \`<module>.weight\` and \`<module>.bias\` of linear and convolutional layers and BatchNorm's)`,
      );
    const module = at(m, 1);
    // `0` and `00` are the same index to a reader of numbers: refuse rather than guess
    const key = module.replace(/(^|\.)0+(?=\d)/g, "$1");
    const seen = canonical.get(key);
    if (seen !== undefined && seen !== module)
      throw fault(`modules \`${seen}\` and \`${module}\` are ambiguous (the same index written twice)`);
    canonical.set(key, module);
    const slot = modules.get(module) ?? {};
    slot[m[2] as Part] = tensor;
    modules.set(module, slot);
  }
  const order = layers ?? sequentialOrder([...modules.keys()]);
  for (const name of order) if (!modules.has(name)) throw fault(`no module \`${name}\` (modules: ${[...modules.keys()].join(", ")})`);
  if (layers !== undefined) {
    // a sub-chain that drops the BatchNorm or LayerNorm after one of its layers would pair the wrong tensors: refuse
    const natural = sequentialOrder([...modules.keys()]);
    const normKind = (m: Partial<Record<Part, ChainTensor<T>>> | undefined): string | undefined =>
      m === undefined
        ? undefined
        : (m.running_mean ?? m.running_var ?? m.num_batches_tracked) !== undefined
          ? "BatchNorm"
          : m.weight?.shape.length === 1
            ? "LayerNorm"
            : undefined;
    for (const name of layers) {
      const next = natural[natural.indexOf(name) + 1];
      const kind = next === undefined ? undefined : normKind(modules.get(next));
      if (kind !== undefined && normKind(modules.get(name)) === undefined && !layers.includes(next!))
        throw fault(`the chain leaves out the ${kind} \`${next}\` after \`${name}\`; name it after \`${name}\` to read it`);
    }
  }
  const out: { layer: Layer<T>; names: LayerTensorNames }[] = [];
  let input: LayeredNetwork<T>["input"];
  for (const name of order) {
    const { weight, bias, running_mean: mean, running_var: variance, num_batches_tracked: count } = modules.get(name)!;
    const statistics = mean ?? variance ?? count;
    if (statistics !== undefined || weight?.shape.length === 1 || (weight !== undefined && bias?.shape.length === weight.shape.length)) {
      // a normalisation module: BatchNorm with its running statistics, or one relutopo cannot read
      const below = out.at(-1);
      if (statistics === undefined) {
        const ln = layerNormOf(name, weight, bias, below, what);
        below!.layer = { ...below!.layer, norm: { kind: "layer", gamma: ln.gamma, beta: ln.beta, eps } };
        below!.names = { ...below!.names, norm: name };
        continue;
      }
      if (weight === undefined || weight.shape.length !== 1) refuseNormalisation(`${name}.weight`, what);
      if (below === undefined)
        throw fault(`the BatchNorm \`${name}\` comes before any layer (it must follow a linear or convolutional one)`);
      if (below.layer.norm !== undefined)
        throw fault(`\`${below.names.weight}\` has two BatchNorms (\`${below.names.norm}\` and \`${name}\`)`);
      const channels = below.layer.W.length;
      for (const [part, t] of [
        ["weight", weight],
        ["bias", bias],
        ["running_mean", mean],
        ["running_var", variance],
      ] as const)
        if (t === undefined || t.shape.length !== 1 || t.shape[0] !== channels)
          throw t === undefined
            ? fault(`the BatchNorm \`${name}\` has no \`${name}.${part}\``)
            : shapeFault(`${name}.${part}`, `a vector of ${channels}, one per channel of \`${below.names.weight}\``, t.shape);
      // running statistics are read and set aside: the laws are those of training mode (batch statistics)
      below.layer = { ...below.layer, norm: { gamma: [...weight.values], beta: [...bias!.values], eps } };
      below.names = { ...below.names, norm: name };
      continue;
    }
    if (weight === undefined) throw fault(`\`${name}.bias\` has no \`${name}.weight\``);
    const { shape } = weight;
    if (shape.length < 2 || shape.length > 4 || shape.some((d) => d < 1))
      throw shapeFault(
        `${name}.weight`,
        "a non-empty matrix (a linear layer's) or a 3-D or 4-D kernel (a Conv1d's or Conv2d's [out, in / groups, kernel…])",
        shape,
      );
    if (bias !== undefined && bias.shape.length !== 1) throw shapeFault(`${name}.bias`, "a vector", bias.shape);
    const rows = at(shape, 0);
    const cols = shape.slice(1).reduce((p, d) => p * d, 1);
    const W = Array.from({ length: rows }, (_, r) => weight.values.slice(r * cols, (r + 1) * cols));
    const layer: Layer<T> = { W, b: bias === undefined ? undefined : [...bias.values] };
    const names: LayerTensorNames = { weight: `${name}.weight`, bias: bias === undefined ? undefined : `${name}.bias` };
    if (shape.length > 2) {
      const kernel = shape.slice(2);
      const below = out.at(-1);
      if (below !== undefined && below.layer.conv === undefined)
        throw fault(
          `the convolution \`${name}.weight\` follows the linear layer \`${below.names.weight}\` (a convolution cannot read a flattened layer)`,
        );
      if (below !== undefined && below.layer.conv?.kernel.length !== kernel.length)
        throw fault(
          `\`${name}.weight\` is a ${kernel.length}-D kernel after the ${below.layer.conv?.kernel.length}-D \`${below.names.weight}\` (a chain does not mix Conv1d and Conv2d)`,
        );
      const perGroup = at(shape, 1);
      const channels = below === undefined ? perGroup : below.layer.W.length;
      // PyTorch stores in_channels / groups: the groups are what divides the channels below into those
      const groups = channels / perGroup;
      if (!Number.isInteger(groups) || rows % groups !== 0)
        throw fault(
          `\`${name}.weight\` of ${shapeText(shape)} does not chain after \`${below?.names.weight}\`: its ${perGroup} input channels per group ${
            Number.isInteger(groups)
              ? `make ${groups} groups, which do not divide its ${rows} output channels`
              : `do not divide the ${channels} channels`
          }`,
        );
      if (below === undefined) input = { channels, size: [] };
      out.push({ layer: { ...layer, conv: { kernel, groups } }, names });
      continue;
    }
    const below = out.at(-1);
    if (below?.layer.conv !== undefined && cols % below.layer.W.length !== 0)
      throw fault(
        `the linear layer \`${name}.weight\` has ${cols} in_features, not a multiple of the ${below.layer.W.length} channels of \`${below.names.weight}\` (flatten gives channels × positions)`,
      );
    out.push({ layer, names });
  }
  const net = chainLayers(
    out.map((o) => o.layer),
    out.map((o) => o.names.weight),
    activation,
    what,
    input,
  );
  return { net, names: out.map((o) => o.names) };
}

/**
 * The modules in state_dict order; when all are `nn.Sequential` indices under one prefix
 * (`0`, `2`, `net.4`), in index order, which is the order a real state_dict lists them in and
 * the only order a JSON object written by hand can be trusted to mean.
 */
function sequentialOrder(names: string[]): string[] {
  return indexOrder(names) ?? names;
}

/**
 * The modules in index order when all are `nn.Sequential` indices under one prefix (`0`, `2`, `net.4`),
 * else undefined: the names alone do not order them.
 * @internal
 */
export function indexOrder(names: readonly string[]): string[] | undefined {
  const parts = names.flatMap((name) => {
    const m = /^(?:(.*)\.)?(\d+)$/.exec(name);
    return m === null ? [] : [{ name, prefix: m[1] ?? "", index: Number(m[2]) }];
  });
  if (parts.length !== names.length || new Set(parts.map((p) => p.prefix)).size !== 1) return undefined;
  return parts.sort((a, b) => a.index - b.index).map((p) => p.name);
}
