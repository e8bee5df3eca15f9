import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activationFunctions } from "../../src/net/activationFunctions.js";
import { forward } from "../../src/net/forward.js";
import type { Layer, LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { lossAndGradient } from "../../src/net/lossAndGradient.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { arbConvCase } from "../helpers/convNets.js";

const S = exact;
type M = Rational[][];

/** Every coordinate of a tensor of the given size, in row-major order. */
function coords(size: readonly number[]): number[][] {
  let out: number[][] = [[]];
  for (const n of size) out = out.flatMap((c) => Array.from({ length: n }, (_, i) => [...c, i]));
  return out;
}

function flatIndex(c: readonly number[], size: readonly number[]): number {
  return c.reduce((acc, x, d) => acc * (size[d] ?? 1) + x, 0);
}

const zeros = (r: number, c: number): M => Array.from({ length: r }, () => new Array<Rational>(c).fill(S.zero));
const mul = (A: M, B: M): M => A.map((row) => (B[0] ?? []).map((_, j) => row.reduce((s, a, k) => S.add(s, S.mul(a, B[k]![j]!)), S.zero)));
const transpose = (A: M): M => (A[0] ?? []).map((_, j) => A.map((row) => row[j]!));
const identity = (n: number): M => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? S.one : S.zero)));

/** One entry of the dense (Toeplitz) matrix of a convolution and the kernel entry it repeats. */
interface Tie {
  row: number;
  col: number;
  j: number;
  k: number;
}

/**
 * The dense matrix of a convolution, straight from PyTorch's definition
 * out[j, o] = b[j] + Σ_{c < in/g} Σ_κ W[j, c, κ] · x[g(j)·in/g + c, o·s + κ − p] (zero outside),
 * with the list of which kernel entry each matrix entry is.
 */
function toeplitz(
  layer: Layer<Rational>,
  channels: number,
  size: readonly number[],
): { T: M; bias: Rational[]; ties: Tie[]; outSize: number[] } {
  const conv = layer.conv!;
  const { kernel, groups } = conv;
  const stride = conv.stride!;
  const padding = conv.padding!;
  const outSize = size.map((n, d) => Math.floor((n + 2 * padding[d]! - kernel[d]!) / stride[d]!) + 1);
  const inPos = coords(size).length;
  const outCoords = coords(outSize);
  const kCoords = coords(kernel);
  const outC = layer.W.length;
  const inPer = channels / groups;
  const T = zeros(outC * outCoords.length, channels * inPos);
  const ties: Tie[] = [];
  for (let j = 0; j < outC; j++) {
    const g = Math.floor(j / (outC / groups));
    outCoords.forEach((o, oi) => {
      for (let c = 0; c < inPer; c++)
        kCoords.forEach((kc, ki) => {
          const at = o.map((x, d) => x * stride[d]! + kc[d]! - padding[d]!);
          if (at.some((x, d) => x < 0 || x >= size[d]!)) return;
          const row = j * outCoords.length + oi;
          const col = (g * inPer + c) * inPos + flatIndex(at, size);
          const k = c * kCoords.length + ki;
          T[row]![col] = layer.W[j]![k]!;
          ties.push({ row, col, j, k });
        });
    });
  }
  const bias = layer.b ? Array.from({ length: outC * outCoords.length }, (_, r) => layer.b![Math.floor(r / outCoords.length)]!) : [];
  return { T, bias, ties, outSize };
}

/** The pooling of one activation as a matrix: a max window picks its first largest entry (PyTorch), an average one weighs each entry 1/size. */
function poolMatrix(
  layer: Layer<Rational>,
  channels: number,
  size: readonly number[],
  h: readonly Rational[],
): { P: M; outSize: number[] } {
  const { kind, kernel, stride } = layer.pool!;
  const outSize = size.map((n, d) => Math.floor((n - kernel[d]!) / stride[d]!) + 1);
  const inPos = coords(size).length;
  const outCoords = coords(outSize);
  const kCoords = coords(kernel);
  const P = zeros(channels * outCoords.length, channels * inPos);
  for (let c = 0; c < channels; c++)
    outCoords.forEach((o, oi) => {
      const cells = kCoords.map(
        (kc) =>
          c * inPos +
          flatIndex(
            o.map((x, d) => x * stride[d]! + kc[d]!),
            size,
          ),
      );
      const row = P[c * outCoords.length + oi]!;
      if (kind === "avg") for (const q of cells) row[q] = S.add(row[q]!, S.fromRational(1n, BigInt(cells.length)));
      else {
        let best = cells[0]!;
        for (const q of cells) if (S.cmp(h[q]!, h[best]!) > 0) best = q;
        row[best] = S.one;
      }
    });
  return { P, outSize };
}

/**
 * The loss and gradient by unrolling: for each data point, the network as a fully connected one
 * (each convolution its dense matrix times the pooling matrix beneath it, selections chosen by brute
 * force from that point's activations), differentiated by the dense back-propagation, the gradient of
 * every repeated kernel entry summed over its copies.
 */
function unrolledGradient(net: LayeredNetwork<Rational>, X: M, Y: M): { loss: Rational; grad: M[]; gradB: Rational[][]; F: M } {
  const { sigma } = activationFunctions(net.activation, S);
  const n = X.length;
  const grad = net.layers.map(({ W }) => zeros(W.length, W[0]!.length));
  const gradB = net.layers.map(({ W }) => new Array<Rational>(W.length).fill(S.zero));
  let loss = S.zero;
  const F: M = [];
  X.forEach((x, i) => {
    let channels = net.input!.channels;
    let size: readonly number[] = net.input!.size;
    let a: Rational[] = [...x];
    let P = identity(x.length);
    const dense: Layer<Rational>[] = [];
    const record: { ties?: Tie[]; P: M; positions: number }[] = [];
    for (const [l, layer] of net.layers.entries()) {
      if (layer.conv === undefined) {
        dense.push({ W: mul(layer.W as M, P), b: layer.b });
        record.push({ P, positions: 1 });
        break;
      }
      const { T, bias, ties, outSize } = toeplitz(layer, channels, size);
      const Mx = mul(T, P);
      dense.push({ W: Mx, b: layer.b ? bias : undefined });
      record.push({ ties, P, positions: coords(outSize).length });
      // the activation of this point at layer l, from the dense layer just built
      const h = Mx.map((row, r) =>
        sigma(
          S.add(
            row.reduce((s, w, c) => S.add(s, S.mul(w, a[c]!)), S.zero),
            layer.b ? bias[r]! : S.zero,
          ),
        ),
      );
      channels = layer.W.length;
      size = outSize;
      if (layer.pool !== undefined && l < net.layers.length - 1) {
        const pooled = poolMatrix(layer, channels, size, h);
        P = pooled.P;
        size = pooled.outSize;
        a = P.map((row) => row.reduce((s, w, c) => S.add(s, S.mul(w, h[c]!)), S.zero));
      } else {
        P = identity(h.length);
        a = h;
      }
    }
    const flat: LayeredNetwork<Rational> = { activation: net.activation, layers: dense };
    const one = lossAndGradient(flat, { X: [x], Y: [Y[i]!] }, S, "mse");
    F.push(forward(flat, [x], S).F[0]!);
    // mse over one point is the mean over its e outputs: the mean over n points divides by n once more
    const share = S.fromRational(1n, BigInt(n));
    loss = S.add(loss, S.mul(one.loss, share));
    one.grad.layers.forEach((g, l) => {
      const { ties, P: below, positions } = record[l]!;
      const gT = mul(g.W as M, transpose(below));
      const layer = net.layers[l]!;
      if (ties === undefined)
        for (const [r, row] of gT.entries()) for (const [c, v] of row.entries()) grad[l]![r]![c] = S.add(grad[l]![r]![c]!, S.mul(v, share));
      else for (const t of ties) grad[l]![t.j]![t.k] = S.add(grad[l]![t.j]![t.k]!, S.mul(gT[t.row]![t.col]!, share));
      if (layer.b !== undefined)
        g.b!.forEach((v, r) => {
          const j = Math.floor(r / positions);
          gradB[l]![j] = S.add(gradB[l]![j]!, S.mul(v, share));
        });
    });
  });
  return { loss, grad, gradB, F };
}

const text = (m: readonly (readonly Rational[])[]): string[][] => m.map((r) => r.map(S.toString));

describe("lossAndGradient on networks with convolutions", () => {
  it("should equal, exactly, the gradient of the unrolled fully connected network with tied entries summed", () => {
    fc.assert(
      fc.property(arbConvCase(), ({ net, data }) => {
        const ours = lossAndGradient(net, data, S, "mse");
        const oracle = unrolledGradient(net, data.X as M, data.Y as M);
        expect(text(forward(net, data.X, S).F)).toEqual(text(oracle.F));
        expect(S.toString(ours.loss)).toBe(S.toString(oracle.loss));
        ours.grad.layers.forEach((g, l) => {
          expect(text(g.W)).toEqual(text(oracle.grad[l]!));
          if (net.layers[l]!.b !== undefined) expect(g.b!.map(S.toString)).toEqual(oracle.gradB[l]!.map(S.toString));
          else expect(g.b).toBeUndefined();
        });
      }),
      { numRuns: 60 },
    );
  });

  it("should give a convolution's gradient the layer's shape: one row per output channel, the kernel flattened", () => {
    // Conv1d(1, 2, kernel_size=2) on [1, 2, 3] with weights [[1, 0], [0, 1]], then Linear(4, 1) of ones.
    const net: LayeredNetwork<Rational> = {
      activation: { kind: "relu" },
      input: { channels: 1, size: [3] },
      layers: [
        {
          W: [
            ["1", "0"],
            ["0", "1"],
          ].map((r) => r.map(S.parse)),
          conv: { kernel: [2], groups: 1, stride: [1], padding: [0] },
        },
        { W: [["1", "1", "1", "1"].map(S.parse)] },
      ],
    };
    const data = { X: [["1", "2", "3"].map(S.parse)], Y: [[S.zero]] };
    const { loss, grad } = lossAndGradient(net, data, S, "mse");
    // f = (1 + 2) + (2 + 3) = 8, L = 64, dL/df = 16; channel 0 reads x[0..1], channel 1 x[1..2]
    expect(S.toString(loss)).toBe("64");
    expect(text(grad.layers[0]!.W)).toEqual([
      ["48", "80"],
      ["48", "80"],
    ]);
    expect(text(grad.layers[1]!.W)).toEqual([["16", "32", "32", "48"]]);
  });

  it("should refuse, in one line, a convolution without its input shape, stride or padding", () => {
    const layers = [{ W: [[S.one]], conv: { kernel: [1], groups: 1 } }, { W: [[S.one]] }];
    const data = { X: [[S.one]], Y: [[S.one]] };
    expect(() => lossAndGradient({ activation: { kind: "relu" }, layers }, data, S, "mse")).toThrow(/input shape/);
    expect(() => lossAndGradient({ activation: { kind: "relu" }, layers, input: { channels: 1, size: [1] } }, data, S, "mse")).toThrow(
      /invalid layer 1 \(convolution\)\. Must be a convolution with its stride and padding.*Value: `stride missing, padding missing`/,
    );
  });
});
