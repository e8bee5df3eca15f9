import { InputError } from "../errors.js";
import type { Activation } from "./activation.js";
import { activationName } from "./activationName.js";
import type { Convolution, LayeredNetwork, Pooling } from "./layeredNetwork.js";
import { type ArchitectureModule, jsonArchitecture, reprArchitecture } from "./_internals/architectureModules.js";

/** One weight layer of an architecture: its units, the columns of its W, its bias, convolution and pooling. */
export interface ArchitectureLayer {
  /** Output channels of a convolution, out_features of a linear layer. */
  readonly out: number;
  /** The columns its W must have: in / groups · ∏kernel for a convolution, the flattened input for a linear layer. */
  readonly columns: number;
  /** Whether it has a bias; undefined when the file does not say (then the checkpoint decides, and a fresh draw has one). */
  readonly bias: boolean | undefined;
  readonly conv?: Convolution | undefined;
  readonly pool?: Pooling | undefined;
  /** A batch normalisation of its pre-activation (BatchNorm1d/2d after it), with its ε as exact text. */
  readonly norm?: { readonly eps: string } | undefined;
  /** How the file names it, for messages (`Conv2d`, `Linear`). */
  readonly name: string;
}

/** What the forward pass needs beyond the weights: the layers' shapes, the activation and the input shape. */
export interface Architecture {
  readonly activation: Activation;
  readonly layers: readonly ArchitectureLayer[];
  /** The input tensor of a network whose data are images or sequences; absent for plain feature rows. */
  readonly input?: LayeredNetwork<unknown>["input"];
}

type Shape = { channels: number; size: number[] };

const product = (xs: readonly number[]): number => xs.reduce((p, x) => p * x, 1);

/**
 * Reads an architecture file: JSON
 * `{"input": [C, H, W], "layers": [{"conv2d": {"out": 8, "kernel": 3, "stride": 1, "padding": 1}}, {"relu": {}},
 * {"maxpool2d": {"kernel": 2}}, {"flatten": {}}, {"linear": {"out": 10}}]}` (stride 1, padding 0, groups 1
 * and a pooling stride equal to its kernel when left out, as in PyTorch), or the printed repr of an
 * `nn.Sequential` (`Conv2d(1, 4, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))`, `ReLU()`,
 * `MaxPool2d(kernel_size=2, …)`, `Flatten(…)`, `Linear(in_features=…)`), with a line `input: [C, H, W]`
 * or, without it, the one input size whose flattened output has the first Linear's in_features
 * (square for 2-D). Every hidden weight layer carries the same activation, pooling follows it.
 * A batch normalisation (`{"batchnorm2d": {"eps": "1e-5"}}`, ε PyTorch's 1e-5 as the exact 1/100000 when left
 * out; `BatchNorm2d(4, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)`) right after a
 * convolution or Linear, before its activation, becomes that layer's `norm`.
 *
 * @param text - the file's text
 * @param what - the file name, for messages
 * @throws InputError (one line, naming the module) for an unknown module, sizes that do not chain, an activation
 *   that differs between layers or sits on the output layer, a batch normalisation with affine=False, not right
 *   after a convolution or Linear, or of another channel count, or an input shape that is missing and cannot be found
 * @example readArchitecture('{"input": [1, 4, 4], "layers": [{"conv2d": {"out": 2, "kernel": 3, "padding": 1}}, {"relu": {}}, {"maxpool2d": {"kernel": 2}}, {"flatten": {}}, {"linear": {"out": 1}}]}', "a.json").layers.map((l) => l.columns) // returns [9, 8]
 */
export function readArchitecture(text: string, what: string): Architecture {
  const listing = text.trimStart().startsWith("{") ? jsonArchitecture(text, what) : reprArchitecture(text, what);
  const { modules } = listing;
  if (listing.input !== undefined) {
    const [channels = 0, ...size] = listing.input;
    return assemble(modules, { channels, size }, what);
  }
  const first = modules.find((m) => m.type === "conv" || m.type === "linear");
  if (first?.type === "linear" && first.in !== undefined) return assemble(modules, { channels: first.in, size: [] }, what);
  if (first?.type !== "conv" || first.in === undefined)
    throw new InputError({
      field: "architecture",
      expected: 'an input shape: `"input": [C, H, W]` (JSON) or a line `input: [C, H, W]`',
      value: what,
    });
  // The repr does not print the input size: the one size whose chain reaches the first Linear's in_features.
  const found: number[][] = [];
  const limit = first.dims === 1 ? 4096 : 256;
  for (let n = 1; n <= limit && found.length < 2; n++) {
    const size = new Array<number>(first.dims).fill(n);
    try {
      assemble(modules, { channels: first.in, size }, what);
      found.push(size);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
    }
  }
  const [size] = found;
  if (found.length !== 1 || size === undefined || !modules.some((m) => m.type === "linear"))
    throw new InputError({
      field: "architecture",
      expected: "a line `input: [C, H, W]` (or [C, L]): the repr does not print the input size and the layers do not fix it",
      value: what,
    });
  return assemble(modules, { channels: first.in, size }, what);
}

function assemble(modules: readonly ArchitectureModule[], input: Shape, what: string): Architecture {
  const layers: { layer: ArchitectureLayer; activation?: Activation }[] = [];
  let shape: Shape = { channels: input.channels, size: [...input.size] };
  if (!Number.isSafeInteger(input.channels) || input.channels < 1 || input.size.some((n) => !Number.isSafeInteger(n) || n < 1))
    throw new InputError({
      field: `input in \`${what}\``,
      expected: "positive integers [C, …size]",
      value: [input.channels, ...input.size].join(","),
    });
  const describe = (s: Shape): string => [s.channels, ...s.size].join(" × ");
  for (const [i, m] of modules.entries()) {
    const where = `module ${i + 1} (${m.type}) of \`${what}\``;
    const refuse = (expected: string, value: string): InputError => new InputError({ field: where, expected, value });
    const last = layers[layers.length - 1];
    if (m.type === "conv") {
      if (shape.size.length !== m.dims) throw refuse(`a ${shape.size.length}-D input for a Conv${m.dims}d`, `input ${describe(shape)}`);
      if (m.in !== undefined && m.in !== shape.channels) throw refuse(`${shape.channels} input channels`, String(m.in));
      if (m.groups < 1 || shape.channels % m.groups !== 0 || m.out % m.groups !== 0 || m.out < 1)
        throw refuse(`groups dividing ${shape.channels} input and ${m.out} output channels`, `groups ${m.groups}`);
      if (m.kernel.length !== m.dims || m.stride.length !== m.dims || m.padding.length !== m.dims)
        throw refuse(
          `a kernel, stride and padding of ${m.dims} entries`,
          `${m.kernel.join(",")}; ${m.stride.join(",")}; ${m.padding.join(",")}`,
        );
      const size = shape.size.map((n, d) => Math.floor((n + 2 * (m.padding[d] ?? 0) - (m.kernel[d] ?? 0)) / (m.stride[d] ?? 1)) + 1);
      if (m.kernel.some((k) => k < 1) || m.stride.some((s) => s < 1) || size.some((n) => n < 1))
        throw refuse(`a kernel that fits its padded ${describe(shape)} input, and positive strides`, `kernel ${m.kernel.join(",")}`);
      const conv: Convolution = { kernel: [...m.kernel], groups: m.groups, stride: [...m.stride], padding: [...m.padding] };
      const columns = (shape.channels / m.groups) * product(m.kernel);
      layers.push({ layer: { out: m.out, columns, bias: m.bias, conv, name: `Conv${m.dims}d` } });
      shape = { channels: m.out, size };
    } else if (m.type === "linear") {
      if (shape.size.length > 0) throw refuse("a Flatten() between a convolution and a Linear", `input ${describe(shape)}`);
      if (m.in !== undefined && m.in !== shape.channels) throw refuse(`in_features ${shape.channels}`, String(m.in));
      if (m.out < 1) throw refuse("a positive out_features", String(m.out));
      layers.push({ layer: { out: m.out, columns: shape.channels, bias: m.bias, name: "Linear" } });
      shape = { channels: m.out, size: [] };
    } else if (m.type === "norm") {
      const name = `BatchNorm${m.dims}d`;
      // BatchNorm1d normalises a Linear's units or a Conv1d's channels, BatchNorm2d a Conv2d's
      const fits =
        m.dims === 2 ? last?.layer.conv?.kernel.length === 2 : last?.layer.conv === undefined || last.layer.conv.kernel.length === 1;
      if (last === undefined || last.activation !== undefined || last.layer.pool !== undefined || last.layer.norm !== undefined || !fits)
        throw refuse(
          `a ${name} right after a ${m.dims === 2 ? "Conv2d" : "Linear or Conv1d"}, before its activation`,
          last === undefined
            ? "no layer before it"
            : `after ${last.layer.name}${last.activation === undefined ? "" : " and its activation"}`,
        );
      if (m.channels !== undefined && m.channels !== shape.channels) throw refuse(`${shape.channels} channels`, String(m.channels));
      last.layer = { ...last.layer, norm: { eps: m.eps } };
    } else if (m.type === "flatten") {
      shape = { channels: shape.channels * product(shape.size), size: [] };
    } else if (m.type === "activation") {
      if (last === undefined || last.activation !== undefined || last.layer.pool !== undefined)
        throw refuse("one activation after each weight layer, before its pooling", activationName(m.activation));
      last.activation = m.activation;
    } else {
      if (last?.layer.conv === undefined || last.layer.pool !== undefined || shape.size.length !== m.dims)
        throw refuse(`a pooling after a ${m.dims}-D convolution and its activation`, `input ${describe(shape)}`);
      if (
        m.kernel.length !== m.dims ||
        m.stride.length !== m.dims ||
        m.kernel.some((k, d) => k < 1 || k > (shape.size[d] ?? 0)) ||
        m.stride.some((s) => s < 1)
      )
        throw refuse(
          `a window that fits its ${describe(shape)} input and a positive stride`,
          `kernel ${m.kernel.join(",")}, stride ${m.stride.join(",")}`,
        );
      const size = shape.size.map((n, d) => Math.floor((n - (m.kernel[d] ?? 1)) / (m.stride[d] ?? 1)) + 1);
      last.layer = { ...last.layer, pool: { kind: m.kind, kernel: [...m.kernel], stride: [...m.stride] } };
      shape = { channels: shape.channels, size };
    }
  }
  const top = layers[layers.length - 1];
  if (top === undefined) throw new InputError({ field: "architecture", expected: "at least one Linear or convolution", value: what });
  if (top.activation !== undefined || top.layer.pool !== undefined || top.layer.norm !== undefined)
    throw new InputError({
      field: `the last layer (${top.layer.name}) of \`${what}\``,
      expected: "no activation, pooling or batch normalisation: the network's output is its last pre-activation",
      value:
        top.layer.norm !== undefined && top.activation === undefined
          ? "a batch normalisation"
          : activationName(top.activation ?? { kind: "linear" }),
    });
  const hidden = layers.slice(0, -1);
  const activation = hidden[0]?.activation ?? { kind: "linear" };
  for (const [l, h] of hidden.entries()) {
    const a = h.activation ?? { kind: "linear" };
    if (activationName(a) !== activationName(activation))
      throw new InputError({
        field: `layer ${l + 1} (${h.layer.name}) of \`${what}\``,
        expected: `the activation ${activationName(activation)} of every hidden layer (one activation per network)`,
        value: activationName(a),
      });
    if (h.layer.pool !== undefined && h.activation === undefined && activation.kind !== "linear")
      throw new InputError({ field: `layer ${l + 1} of \`${what}\``, expected: "its activation before its pooling", value: "pooling" });
  }
  return {
    activation,
    layers: layers.map((l) => l.layer),
    ...(input.size.length === 0 ? {} : { input: { channels: input.channels, size: [...input.size] } }),
  };
}
