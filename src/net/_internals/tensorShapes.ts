import { InputError } from "../../errors.js";
import type { Convolution, Layer, LayeredNetwork, Pooling } from "../layeredNetwork.js";

/**
 * The shape of the tensor one data point carries between two layers: channels, then the size of each
 * spatial dimension (none for the units of a fully connected layer). Values are flat, channel-major.
 * @internal
 */
interface TensorShape {
  readonly channels: number;
  readonly size: readonly number[];
}

/**
 * Where a convolution reads, one data point at a time. Spatial dimensions are always two (a `Conv1d`
 * is a `Conv2d` of height 1), so one loop serves both.
 * @internal
 */
export interface ConvGeometry {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly groups: number;
  /** Input positions per channel (∏ input size) and output positions per channel (∏ output size). */
  readonly inPositions: number;
  readonly outPositions: number;
  /** Kernel entries per input channel (∏ kernel). */
  readonly taps: number;
  /**
   * `source[o · taps + t]`: the input position (within a channel) that kernel entry t reads for output
   * position o, or −1 where it falls on the zero padding.
   */
  readonly source: Int32Array;
}

/**
 * Where a pooling reads: `window[o · span + t]` is the position (within a channel) of entry t of output
 * position o's window, in row-major window order (the order in which PyTorch's max pooling takes the first of
 * equal values).
 * @internal
 */
export interface PoolGeometry {
  readonly kind: Pooling["kind"];
  readonly channels: number;
  readonly inPositions: number;
  readonly outPositions: number;
  /** Entries per window (∏ kernel). */
  readonly span: number;
  readonly window: Int32Array;
}

/**
 * What the forward pass needs to know of a layer beyond its matrices.
 * @internal
 */
export interface LayerShape {
  /** The tensor the layer reads (flat: `channels` units of no size for a fully connected layer). */
  readonly input: TensorShape;
  /** The tensor of its pre-activation and activation. */
  readonly output: TensorShape;
  /** The tensor the layer above reads: `output` pooled, or `output` itself. */
  readonly pooled: TensorShape;
  readonly conv?: ConvGeometry | undefined;
  readonly pool?: PoolGeometry | undefined;
}

/** Whether any layer of the network needs shapes: a convolution, a pooling or an input tensor. */
export function hasSpatialLayers(net: LayeredNetwork<unknown>): boolean {
  return net.input !== undefined || net.layers.some((l) => l.conv !== undefined || l.pool !== undefined);
}

/**
 * The shape of every layer of a network with convolutions, from its input tensor, each convolution's
 * stride and padding and each pooling's window; checked against the matrices (PyTorch's rule: an output
 * size ⌊(n + 2p − k)/s⌋ + 1, pooling without padding ⌊(n − k)/s⌋ + 1).
 *
 * @throws InputError (one line, naming the layer) when the input shape, a stride or a padding is missing,
 *   or a matrix does not fit the tensor it reads
 * @internal
 */
export function tensorShapes(net: LayeredNetwork<unknown>): LayerShape[] {
  const { input } = net;
  const first = net.layers[0];
  if (input === undefined && first?.conv !== undefined)
    throw new InputError({
      field: "net",
      expected: "a convolutional network with its input shape (channels and size, from an architecture file)",
      value: "no input shape",
    });
  let shape: TensorShape = input ?? { channels: first?.W[0]?.length ?? 0, size: [] };
  return net.layers.map((layer, l) => {
    const name = `layer ${l + 1}`;
    const inShape = shape;
    let output: TensorShape;
    let conv: ConvGeometry | undefined;
    if (layer.conv === undefined) {
      const columns = layer.W[0]?.length ?? 0;
      const flat = inShape.channels * product(inShape.size);
      if (columns !== flat)
        throw new InputError({
          field: `${name} (fully connected)`,
          expected: `${flat} columns, the ${describe(inShape)} input flattened`,
          value: `${columns} columns`,
        });
      output = { channels: layer.W.length, size: [] };
    } else {
      conv = convGeometry(layer, inShape, name);
      output = { channels: conv.outChannels, size: outSize(layer.conv, inShape, name) };
    }
    let pool: PoolGeometry | undefined;
    let pooled = output;
    if (layer.pool !== undefined) {
      if (l === net.layers.length - 1 || layer.conv === undefined)
        throw new InputError({ field: `${name} pooling`, expected: "on a hidden convolution", value: layer.pool.kind });
      ({ pool, pooled } = poolGeometry(layer.pool, output, name));
    }
    shape = pooled;
    return { input: inShape, output, pooled, conv, pool };
  });
}

function product(xs: readonly number[]): number {
  return xs.reduce((p, x) => p * x, 1);
}

function describe(s: TensorShape): string {
  return [s.channels, ...s.size].join(" × ");
}

/** Both spatial dimensions of a 1-D or 2-D value: a 1-D one is height 1 with `pad` in front. */
function twoD(xs: readonly number[], pad: number): [number, number] {
  return xs.length === 1 ? [pad, xs[0] ?? 0] : [xs[0] ?? 0, xs[1] ?? 0];
}

function outSize(conv: Convolution, inShape: TensorShape, name: string): number[] {
  const { kernel } = conv;
  const { stride, padding } = conv;
  if (stride === undefined || padding === undefined)
    throw new InputError({
      field: `${name} (convolution)`,
      expected: "a convolution with its stride and padding (a checkpoint does not store them: give an architecture file)",
      value: `stride ${stride?.join(",") ?? "missing"}, padding ${padding?.join(",") ?? "missing"}`,
    });
  const dims = inShape.size.length;
  if (kernel.length !== dims || stride.length !== dims || padding.length !== dims || (dims !== 1 && dims !== 2))
    throw new InputError({
      field: `${name} (convolution)`,
      expected: `a kernel, stride and padding of ${dims} entries each, one per spatial dimension of its ${describe(inShape)} input (1 or 2)`,
      value: `kernel ${kernel.join(",")}, stride ${stride.join(",")}, padding ${padding.join(",")}`,
    });
  return inShape.size.map((n, d) => {
    const k = kernel[d] ?? 0;
    const s = stride[d] ?? 0;
    const p = padding[d] ?? -1;
    if (!(k >= 1 && s >= 1 && p >= 0) || !Number.isSafeInteger(k + s + p))
      throw new InputError({
        field: `${name} (convolution)`,
        expected: "a kernel and stride of positive integers and a padding of non-negative integers",
        value: `kernel ${kernel.join(",")}, stride ${stride.join(",")}, padding ${padding.join(",")}`,
      });
    const o = Math.floor((n + 2 * p - k) / s) + 1;
    if (o < 1)
      throw new InputError({
        field: `${name} (convolution)`,
        expected: `a kernel no larger than its padded ${describe(inShape)} input`,
        value: `kernel ${kernel.join(",")}, padding ${padding.join(",")}`,
      });
    return o;
  });
}

function convGeometry(layer: Layer<unknown>, inShape: TensorShape, name: string): ConvGeometry {
  // outSize checks stride, padding and kernel first
  const conv = layer.conv as Convolution;
  const out = outSize(conv, inShape, name);
  const { groups } = conv;
  const outChannels = layer.W.length;
  const taps = product(conv.kernel);
  const columns = layer.W[0]?.length ?? 0;
  if (!Number.isSafeInteger(groups) || groups < 1 || inShape.channels % groups !== 0 || outChannels % groups !== 0)
    throw new InputError({
      field: `${name} (convolution)`,
      expected: `groups dividing its ${inShape.channels} input and ${outChannels} output channels`,
      value: `groups ${groups}`,
    });
  if (columns !== (inShape.channels / groups) * taps)
    throw new InputError({
      field: `${name} (convolution)`,
      expected: `${(inShape.channels / groups) * taps} columns per channel (${inShape.channels / groups} input channels per group × kernel ${conv.kernel.join("×")})`,
      value: `${columns} columns`,
    });
  const [inH, inW] = twoD(inShape.size, 1);
  const [outH, outW] = twoD(out, 1);
  const [kH, kW] = twoD(conv.kernel, 1);
  const [sH, sW] = twoD(conv.stride ?? [], 1);
  const [pH, pW] = twoD(conv.padding ?? [], 0);
  const source = new Int32Array(outH * outW * taps);
  for (let oy = 0; oy < outH; oy++)
    for (let ox = 0; ox < outW; ox++)
      for (let ky = 0; ky < kH; ky++)
        for (let kx = 0; kx < kW; kx++) {
          const y = oy * sH - pH + ky;
          const x = ox * sW - pW + kx;
          const inside = y >= 0 && y < inH && x >= 0 && x < inW;
          source[(oy * outW + ox) * taps + ky * kW + kx] = inside ? y * inW + x : -1;
        }
  return { inChannels: inShape.channels, outChannels, groups, inPositions: inH * inW, outPositions: outH * outW, taps, source };
}

function poolGeometry(pool: Pooling, output: TensorShape, name: string): { pool: PoolGeometry; pooled: TensorShape } {
  const dims = output.size.length;
  const { kernel, stride } = pool;
  if (kernel.length !== dims || stride.length !== dims)
    throw new InputError({
      field: `${name} pooling`,
      expected: `a kernel and stride of ${dims} entries, one per spatial dimension of its ${describe(output)} input`,
      value: `kernel ${kernel.join(",")}, stride ${stride.join(",")}`,
    });
  const size = output.size.map((n, d) => {
    const k = kernel[d] ?? 0;
    const s = stride[d] ?? 0;
    if (!(Number.isSafeInteger(k) && Number.isSafeInteger(s) && k >= 1 && s >= 1 && k <= n))
      throw new InputError({
        field: `${name} pooling`,
        expected: `a kernel of positive integers no larger than its ${describe(output)} input and a positive stride`,
        value: `kernel ${kernel.join(",")}, stride ${stride.join(",")}`,
      });
    return Math.floor((n - k) / s) + 1;
  });
  const [inH, inW] = twoD(output.size, 1);
  const [outH, outW] = twoD(size, 1);
  const [kH, kW] = twoD(kernel, 1);
  const [sH, sW] = twoD(stride, 1);
  const span = kH * kW;
  const window = new Int32Array(outH * outW * span);
  for (let oy = 0; oy < outH; oy++)
    for (let ox = 0; ox < outW; ox++)
      for (let ky = 0; ky < kH; ky++)
        for (let kx = 0; kx < kW; kx++) window[(oy * outW + ox) * span + ky * kW + kx] = (oy * sH + ky) * inW + ox * sW + kx;
  return {
    pool: { kind: pool.kind, channels: output.channels, inPositions: inH * inW, outPositions: outH * outW, span, window },
    pooled: { channels: output.channels, size },
  };
}
