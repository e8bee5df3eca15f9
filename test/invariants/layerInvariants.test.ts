import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { layerInvariants } from "../../src/invariants/layerInvariants.js";
import { linearLayerInvariants } from "../../src/invariants/linearLayerInvariants.js";
import { neuronInvariants } from "../../src/invariants/neuronInvariants.js";
import type { Activation } from "../../src/net/activation.js";
import type { Dataset } from "../../src/net/readDataset.js";
import { lossAndGradient } from "../../src/net/lossAndGradient.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { activation, rational } from "../helpers/arbitraries.js";

const S = exact;
const vec = (n: number): fc.Arbitrary<Rational[]> => fc.array(rational(), { minLength: n, maxLength: n });
const mat = (r: number, c: number): fc.Arbitrary<Rational[][]> => fc.array(vec(c), { minLength: r, maxLength: r });

/** Deep exact networks (2 to 4 weight layers, widths ≤ 3, each bias present or not) with ≤ 3 data points. */
const deepNetAndData = (act: fc.Arbitrary<Activation>): fc.Arbitrary<{ net: LayeredNetwork<Rational>; data: Dataset<Rational> }> =>
  fc
    .record({ widths: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 5 }), n: fc.integer({ min: 1, max: 3 }) })
    .chain(({ widths, n }) =>
      fc.record({
        activation: act,
        layers: fc.tuple(...widths.slice(1).map((w, i) => fc.record({ W: mat(w, widths[i]!), b: fc.option(vec(w), { nil: undefined }) }))),
        X: mat(n, widths[0]!),
        Y: mat(n, widths[widths.length - 1]!),
      }),
    )
    .map(({ activation: a, layers, X, Y }) => ({ net: { activation: a, layers }, data: { X, Y } }));

const dot = (u: readonly Rational[], v: readonly Rational[]): Rational => u.reduce((s, x, i) => S.add(s, S.mul(x, v[i]!)), S.zero);

describe("layerInvariants", () => {
  it("should give c_{l,k} = ‖W_l[k]‖² + b_l[k]² − ‖W_{l+1}[:, k]‖² on a hand example", () => {
    // Arrange: 1 → 2 → 1 → 1 with biases on the first two layers.
    const p = (v: string): Rational => S.parse(v);
    const net: LayeredNetwork<Rational> = {
      activation: { kind: "relu" },
      layers: [{ W: [[p("2")], [p("1/2")]], b: [p("1"), p("0")] }, { W: [[p("3"), p("-1")]], b: [p("1/4")] }, { W: [[p("-2")]] }],
    };
    // Act
    const c = layerInvariants(net, S).map((r) => r.map(S.toString));
    // Assert: 4 + 1 − 9 = −4; 1/4 − 1 = −3/4; 9 + 1 + 1/16 − 4 = 97/16.
    expect(c).toEqual([["-4", "-3/4"], ["97/16"]]);
  });

  it("should flatten to neuronInvariants of the same network", () => {
    fc.assert(
      fc.property(deepNetAndData(activation), ({ net }) => {
        expect(layerInvariants(net, S).flat().map(S.toString)).toEqual(neuronInvariants(net, S).map(S.toString));
      }),
    );
  });

  it("should be conserved by gradient flow at every depth: ⟨w̃_k, ∂L/∂w̃_k⟩ = ⟨a_k, ∂L/∂a_k⟩ for every hidden neuron", () => {
    fc.assert(
      fc.property(deepNetAndData(activation), ({ net, data }) => {
        // Arrange
        const { grad } = lossAndGradient(net, data, S, "mse");
        // Act: dc_{l,k}/dt = −2(⟨w̃, g_w̃⟩ − ⟨a, g_a⟩) along θ' = −∇L.
        for (let l = 0; l + 1 < net.layers.length; l++) {
          const { W, b } = net.layers[l]!;
          const G = grad.layers[l]!;
          const next = net.layers[l + 1]!.W;
          const gNext = grad.layers[l + 1]!.W;
          W.forEach((row, k) => {
            let incoming = dot(row, G.W[k]!);
            if (b) incoming = S.add(incoming, S.mul(b[k]!, G.b![k]!));
            const outgoing = next.reduce((s, r, j) => S.add(s, S.mul(r[k]!, gNext[j]![k]!)), S.zero);
            // Assert
            expect(S.toString(S.sub(incoming, outgoing))).toBe("0");
          });
        }
      }),
    );
  });
});

describe("linearLayerInvariants", () => {
  it("should have c_{l,·} on its diagonal", () => {
    fc.assert(
      fc.property(deepNetAndData(activation), ({ net }) => {
        const c = layerInvariants(net, S);
        linearLayerInvariants(net, S).forEach((Q, l) => {
          expect(Q.map((r, k) => S.toString(r[k]!))).toEqual(c[l]!.map(S.toString));
        });
      }),
    );
  });

  it("should be conserved by gradient flow of a deep linear net, biases included: dQ_l/dt = 0 exactly", () => {
    fc.assert(
      fc.property(deepNetAndData(fc.constant<Activation>({ kind: "linear" })), ({ net, data }) => {
        // Arrange
        const { grad } = lossAndGradient(net, data, S, "mse");
        for (let l = 0; l + 1 < net.layers.length; l++) {
          const { W, b } = net.layers[l]!;
          const G = grad.layers[l]!;
          const Wt = W.map((r, k) => (b ? [...r, b[k]!] : r));
          const Gt = G.W.map((r, k) => (b ? [...r, G.b![k]!] : r));
          const next = net.layers[l + 1]!.W;
          const gNext = grad.layers[l + 1]!.W;
          const col = (M: readonly (readonly Rational[])[], k: number): Rational[] => M.map((r) => r[k]!);
          // Act, Assert: −dQ/dt = G̃W̃ᵀ + W̃G̃ᵀ − (Gᵀ_{l+1}W_{l+1} + Wᵀ_{l+1}G_{l+1}) vanishes entry by entry.
          for (let k = 0; k < W.length; k++)
            for (let m = 0; m < W.length; m++) {
              const left = S.add(dot(Gt[k]!, Wt[m]!), dot(Wt[k]!, Gt[m]!));
              const right = S.add(dot(col(gNext, k), col(next, m)), dot(col(next, k), col(gNext, m)));
              expect(S.toString(S.sub(left, right))).toBe("0");
            }
        }
      }),
    );
  });
});
