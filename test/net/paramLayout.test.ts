import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { packNetwork } from "../../src/net/packNetwork.js";
import { unpackLayers } from "../../src/net/unpackLayers.js";
import { layoutOf } from "../../src/net/layoutOf.js";
import { paramLayout } from "../../src/net/paramLayout.js";
import { outgoingSlots } from "../../src/net/outgoingSlots.js";
import { incomingSlots } from "../../src/net/incomingSlots.js";
import { biasSlot } from "../../src/net/biasSlot.js";
import { weightSlot } from "../../src/net/weightSlot.js";
import { floatKernel } from "../../src/net/kernels/floatKernel.js";
import { twoLayer } from "../helpers/twoLayer.js";

const relu = { kind: "relu" } as const;

const arbLayout = fc.record({
  widths: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 5 }),
  seed: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
});

/** PyTorch's state_dict order, enumerated independently: (layer, row, col) with col −1 for a bias. */
function stateDictOrder(widths: number[], bias: boolean[]): string[] {
  const out: string[] = [];
  for (let l = 1; l < widths.length; l++) {
    for (let r = 0; r < widths[l]!; r++) for (let c = 0; c < widths[l - 1]!; c++) out.push(`${l}:${r}:${c}`);
    if (bias[l - 1]) for (let r = 0; r < widths[l]!; r++) out.push(`${l}:${r}:-1`);
  }
  return out;
}

describe("paramLayout", () => {
  it("should place W_l[r][c] and b_l[r] at their index in PyTorch's state_dict order, covering 0 … size − 1 once", () => {
    fc.assert(
      fc.property(arbLayout, ({ widths, seed }) => {
        const bias = widths.slice(1).map((_, l) => seed[l]!);
        const L = paramLayout(widths, bias, relu);
        const expected = stateDictOrder(widths, bias);
        const ours = new Array<string>(L.size);
        for (let l = 1; l < widths.length; l++) {
          for (let r = 0; r < widths[l]!; r++) {
            for (let c = 0; c < widths[l - 1]!; c++) ours[weightSlot(L, l, r, c)] = `${l}:${r}:${c}`;
            if (bias[l - 1]) ours[biasSlot(L, l, r)] = `${l}:${r}:-1`;
          }
        }
        expect(L.size).toBe(expected.length);
        expect(ours).toEqual(expected);
      }),
    );
  });

  it("should give a hidden neuron its row of W_l and bias as incoming slots and its column of W_{l+1} as outgoing slots", () => {
    const L = paramLayout([2, 3, 2], [true, false], relu);
    // θ = W1 (3×2) at 0…5, b1 at 6…8, W2 (2×3) at 9…14.
    expect(incomingSlots(L, 1, 1)).toEqual([2, 3, 7]);
    expect(outgoingSlots(L, 1, 1)).toEqual([10, 13]);
    expect(L.size).toBe(15);
  });

  it("should reject widths that are not positive integers and a bias list of the wrong length", () => {
    expect(() => paramLayout([2], true, relu)).toThrow(/invalid widths/);
    expect(() => paramLayout([2, 0, 1], true, relu)).toThrow(/invalid widths. Must be positive integers/);
    expect(() => paramLayout([2, 3, 1], [true], relu)).toThrow(/invalid bias/);
    expect(() => biasSlot(paramLayout([2, 3, 1], false, relu), 1, 0)).toThrow(/invalid layer/);
  });
});

describe("packNetwork", () => {
  it("should round-trip a layered network of any depth, and a two-layer network, through its layout", () => {
    fc.assert(
      fc.property(arbLayout, ({ widths, seed }) => {
        const bias = widths.slice(1).map((_, l) => seed[l]!);
        const L = paramLayout(widths, bias, relu);
        const theta = Array.from({ length: L.size }, (_, q) => q);
        const net: LayeredNetwork<number> = unpackLayers(theta, L);
        expect(layoutOf(net)).toEqual(L);
        expect(packNetwork(net)).toEqual(theta);
        // W_l[r][c] of the unpacked network is the entry at weightSlot.
        for (const [l, { W }] of net.layers.entries())
          for (const [r, row] of W.entries()) for (const [c, v] of row.entries()) expect(v).toBe(weightSlot(L, l + 1, r, c));
      }),
    );
  });

  it("should pack the two-layer form as W1, b1, W2, b2", () => {
    expect(
      packNetwork(
        twoLayer({
          activation: relu,
          W1: [
            [1, 2],
            [3, 4],
          ],
          b1: [5, 6],
          W2: [[7, 8]],
          b2: [9],
        }),
      ),
    ).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe("layoutOf", () => {
  it("should place γ and β after the layer's bias (state_dict order) and round-trip them, ε kept", () => {
    const net: LayeredNetwork<number> = {
      activation: relu,
      layers: [{ W: [[1], [2]], b: [3, 4], norm: { gamma: [5, 6], beta: [7, 8], eps: 0.5 } }, { W: [[9, 10]] }],
    };
    const L = layoutOf(net);
    expect(L.normOffset).toEqual([4, -1]);
    expect(L.size).toBe(10);
    expect(packNetwork(net)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(unpackLayers(packNetwork(net), L)).toEqual(net);
    expect(layoutOf({ ...net, layers: [{ W: [[1], [2]], b: [0, 0] }, { W: [[1, 1]] }] }).size).toBe(6);
  });

  it("should refuse a batch-normalised layout in the float kernel, in one line", () => {
    const net: LayeredNetwork<number> = {
      activation: relu,
      layers: [{ W: [[1], [2]], norm: { gamma: [1, 1], beta: [0, 0], eps: 0 } }, { W: [[1, 1]] }],
    };
    expect(() => floatKernel(layoutOf(net), "mse", { X: [[1]], Y: [[0]] })).toThrow(/^[^\n]*a network with batch normalisation[^\n]*$/);
  });
});
