import fc from "fast-check";
import type { Activation } from "../../src/net/activation.js";
import type { Layer, LayeredNetwork } from "../../src/net/layeredNetwork.js";
import type { Dataset } from "../../src/net/readDataset.js";
import { exact, type Rational } from "../../src/scalar/exact.js";

/** A small network with convolutions, its data, in exact rationals. */
export interface ConvCase {
  readonly net: LayeredNetwork<Rational>;
  readonly data: Dataset<Rational>;
}

const ACTIVATIONS: readonly Activation[] = [{ kind: "relu" }, { kind: "leaky_relu", slope: "1/4" }, { kind: "abs" }, { kind: "linear" }];

/**
 * Small random networks with convolutions: a 1-D or 2-D input of 1–2 channels, one or two convolutions
 * (groups, stride, padding, bias or not, max or average pooling or none), then a fully connected layer
 * reading the channels flattened; parameters and data small rationals that make ties in max pooling and
 * zeros at the kinks common.
 */
export function arbConvCase(): fc.Arbitrary<ConvCase> {
  return fc
    .record({
      dims: fc.integer({ min: 1, max: 2 }),
      channels: fc.integer({ min: 1, max: 2 }),
      size: fc.tuple(fc.integer({ min: 2, max: 4 }), fc.integer({ min: 2, max: 5 })),
      convs: fc.integer({ min: 1, max: 2 }),
      choices: fc.array(fc.integer({ min: 0, max: 1 << 20 }), { minLength: 24, maxLength: 24 }),
      activation: fc.integer({ min: 0, max: ACTIVATIONS.length - 1 }),
      outputs: fc.integer({ min: 1, max: 2 }),
      points: fc.integer({ min: 1, max: 3 }),
      values: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 600, maxLength: 600 }),
      halves: fc.array(fc.boolean(), { minLength: 600, maxLength: 600 }),
    })
    .map((r) => {
      let ci = 0;
      const pick = (n: number): number => (r.choices[ci++ % r.choices.length] ?? 0) % n;
      let vi = 0;
      const value = (): Rational => {
        const k = vi++ % r.values.length;
        return exact.fromRational(BigInt(r.values[k] ?? 0), r.halves[k] ? 2n : 1n);
      };
      const matrix = (rows: number, cols: number): Rational[][] => Array.from({ length: rows }, () => Array.from({ length: cols }, value));
      let size = r.dims === 1 ? [r.size[1]] : [r.size[0], r.size[1]];
      let channels = r.channels;
      const layers: Layer<Rational>[] = [];
      for (let l = 0; l < r.convs; l++) {
        const divisors = [1, 2, 3, 4].filter((g) => channels % g === 0);
        const groups = divisors[pick(divisors.length)] ?? 1;
        const out = groups * (1 + pick(2));
        const padding = size.map(() => pick(2));
        const kernel = size.map((n, d) => 1 + pick(Math.min(3, n + 2 * (padding[d] ?? 0))));
        const stride = size.map(() => 1 + pick(2));
        const outSize = size.map((n, d) => Math.floor((n + 2 * (padding[d] ?? 0) - (kernel[d] ?? 1)) / (stride[d] ?? 1)) + 1);
        const taps = kernel.reduce((p, k) => p * k, 1);
        const layer: Layer<Rational> = {
          W: matrix(out, (channels / groups) * taps),
          b: pick(2) === 0 ? undefined : Array.from({ length: out }, value),
          conv: { kernel, groups, stride, padding },
        };
        size = outSize;
        channels = out;
        const poolKind = pick(3);
        if (poolKind > 0 && size.every((n) => n >= 2)) {
          const pk = size.map(() => 1 + pick(2));
          const ps = size.map(() => 1 + pick(2));
          layers.push({ ...layer, pool: { kind: poolKind === 1 ? "max" : "avg", kernel: pk, stride: ps } });
          size = size.map((n, d) => Math.floor((n - (pk[d] ?? 1)) / (ps[d] ?? 1)) + 1);
        } else layers.push(layer);
      }
      const flat = channels * size.reduce((p, n) => p * n, 1);
      layers.push({ W: matrix(r.outputs, flat), b: pick(2) === 0 ? undefined : Array.from({ length: r.outputs }, value) });
      const inputSize = r.dims === 1 ? [r.size[1]] : [r.size[0], r.size[1]];
      const inputs = r.channels * inputSize.reduce((p, n) => p * n, 1);
      const net: LayeredNetwork<Rational> = {
        activation: ACTIVATIONS[r.activation] ?? { kind: "relu" },
        layers,
        input: { channels: r.channels, size: inputSize },
      };
      const data = { X: matrix(r.points, inputs), Y: matrix(r.points, r.outputs) };
      return { net, data };
    });
}
