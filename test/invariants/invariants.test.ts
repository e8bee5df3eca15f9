import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { linearLayerInvariants } from "../../src/invariants/linearLayerInvariants.js";

const linearInvariant = <T>(
  net: Parameters<typeof linearLayerInvariants<T>>[0],
  S: Parameters<typeof linearLayerInvariants<T>>[1],
): T[][] => linearLayerInvariants(net, S)[0]!;
import { neuronInvariants } from "../../src/invariants/neuronInvariants.js";
import { lossAndGradient } from "../../src/net/lossAndGradient.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { zipNetworks } from "../../src/net/zipNetworks.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { netAndData, positiveRational } from "../helpers/arbitraries.js";
import { twoLayer } from "../helpers/twoLayer.js";

const S = exact;
const net = (o: { W1: string[][]; b1?: string[]; W2: string[][] }): LayeredNetwork<Rational> =>
  twoLayer({
    activation: { kind: "relu" },
    W1: o.W1.map((r) => r.map(S.parse)),
    b1: o.b1?.map(S.parse),
    W2: o.W2.map((r) => r.map(S.parse)),
  });

describe("neuronInvariants", () => {
  it("should count the hidden bias in ‖w_k‖²: c = 2² + (1/4)² + (1/4)² − (1/2)² = 31/8", () => {
    const c = neuronInvariants(net({ W1: [["2", "1/4"]], b1: ["1/4"], W2: [["1/2"]] }), S);
    expect(c.map(S.toString)).toEqual(["31/8"]);
  });

  it("should give the paper's picture: |a| > ‖w‖ makes a neuron pathological (c < 0)", () => {
    const c = neuronInvariants(net({ W1: [["1/2"], ["-1/2"]], b1: ["1/4", "1/4"], W2: [["-1", "-1"]] }), S);
    expect(c.map(S.toString)).toEqual(["-11/16", "-11/16"]);
  });

  it("should sum ‖a_k‖² over all outputs (e > 1)", () => {
    const c = neuronInvariants(net({ W1: [["3"]], W2: [["1"], ["2"]] }), S);
    expect(c.map(S.toString)).toEqual(["4"]);
  });
});

describe("linearLayerInvariants of two weight layers", () => {
  it("should have the c_k on its diagonal and be symmetric", () => {
    fc.assert(
      fc.property(netAndData, ({ net: n }) => {
        const M = linearInvariant(n, S);
        const c = neuronInvariants(n, S);
        M.forEach((row, k) => {
          expect(S.eq(row[k]!, c[k]!)).toBe(true);
          for (const [m, v] of row.entries()) expect(S.eq(v, M[m]![k]!)).toBe(true);
        });
      }),
    );
  });

  it("should change under a linear-net GD step by exactly η²(G̃1 G̃1ᵀ − G2ᵀ G2)", () => {
    // For linear nets the whole matrix has vanishing first-order change, like the c_k.
    fc.assert(
      fc.property(netAndData, positiveRational(), ({ net: n, data }, lr) => {
        const lin: LayeredNetwork<Rational> = { ...n, activation: { kind: "linear" } };
        const { grad } = lossAndGradient(lin, data, S, "mse");
        const next = zipNetworks(lin, grad, (p, g) => S.sub(p, S.mul(lr, g)));
        const before = linearInvariant(lin, S);
        const after = linearInvariant(next, S);
        const G = linearInvariant(grad, S);
        for (const [k, row] of after.entries())
          for (const [m, v] of row.entries())
            expect(S.toString(S.sub(v, before[k]![m]!))).toBe(S.toString(S.mul(S.mul(lr, lr), G[k]![m]!)));
      }),
    );
  });
});
