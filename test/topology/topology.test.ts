import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { bettiNumbers } from "../../src/topology/bettiNumbers.js";
import { formatPolynomial } from "../../src/topology/formatPolynomial.js";
import { poincareFactors } from "../../src/topology/poincareFactors.js";
import { signCounts } from "../../src/topology/signCounts.js";
import { componentCount } from "../../src/topology/componentCount.js";
import { splitNeurons } from "../../src/topology/splitNeurons.js";
import { enumerateComponents } from "../../src/topology/enumerateComponents.js";
import { componentOf } from "../../src/topology/componentOf.js";
import { componentsReport } from "../../src/symmetry/componentsReport.js";
import { netAndData, positiveRational, rational } from "../helpers/arbitraries.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { twoLayer } from "../helpers/twoLayer.js";

const cValues = fc.array(rational(4, 3), { minLength: 1, maxLength: 8 });
const dims = fc.record({ dIn: fc.integer({ min: 1, max: 4 }), e: fc.integer({ min: 1, max: 4 }) });

/** Per-neuron Poincaré polynomial straight from the table of docs/theory.md §3, as a coefficient array. */
function neuronPolynomial(c: Rational, dIn: number, e: number): bigint[] {
  const sphere = (dim: number): bigint[] => {
    const p = new Array<bigint>(dim + 1).fill(0n);
    p[0] = p[0]! + 1n;
    p[dim] = p[dim]! + 1n; // S^0 is two points: both terms land on degree 0
    return p;
  };
  const s = exact.sign(c);
  return s > 0 ? sphere(dIn - 1) : s < 0 ? sphere(e - 1) : [1n];
}

function multiply(a: bigint[], b: bigint[]): bigint[] {
  const out = new Array<bigint>(a.length + b.length - 1).fill(0n);
  for (const [i, x] of a.entries()) for (const [j, y] of b.entries()) out[i + j] = out[i + j]! + x * y;
  return out;
}

const trim = (p: bigint[]): bigint[] => {
  const q = [...p];
  while (q.length > 1 && q[q.length - 1] === 0n) q.pop();
  return q;
};

describe("bettiNumbers", () => {
  it("should give the paper's anchors", () => {
    // two neurons with c < 0, e = 1: four points' worth of components
    const two = componentsReport(["-2", "-3"].map(exact.parse), { dIn: 2, e: 1 });
    expect([two.components, two.effective, two.strictOrbits]).toEqual(["4", "3", "4"]);
    // c < 0 with e = 3 is S^2 up to homotopy: (1 + t^2)^2
    expect(componentsReport(["-2", "-2"].map(exact.parse), { dIn: 3, e: 3 }).poincare).toBe("1 + 2t^2 + t^4");
    // the example: c = (-2, 4, 3/2, 0), d_in = 3, e = 1
    const ex = componentsReport(["-2", "4", "3/2", "0"].map(exact.parse), { dIn: 3, e: 1 });
    expect(ex.betti).toEqual(["2", "0", "4", "0", "2"]);
    expect(ex.pathological).toEqual([0]);
  });

  it("should equal the naive product of per-neuron polynomials (Künneth, one neuron at a time)", () => {
    fc.assert(
      fc.property(cValues, dims, (c, { dIn, e }) => {
        const naive = c.reduce((p, v) => multiply(p, neuronPolynomial(v, dIn, e)), [1n]);
        expect(bettiNumbers(poincareFactors(signCounts(c), { dIn, e }))).toEqual(trim(naive));
      }),
    );
  });

  it("should have Euler characteristic, total Betti number and P(±1) equal to the per-neuron products", () => {
    fc.assert(
      fc.property(cValues, dims, (c, { dIn, e }) => {
        const betti = bettiNumbers(poincareFactors(signCounts(c), { dIn, e }));
        const chi = betti.reduce((s, b, i) => s + (i % 2 === 0 ? b : -b), 0n);
        const total = betti.reduce((s, b) => s + b, 0n);
        // χ(S^m) = 1 + (−1)^m, total Betti number of S^m is 2, of a cone 1
        const perChi = (v: Rational): bigint => {
          const s = exact.sign(v);
          if (s === 0) return 1n;
          const m = s > 0 ? dIn - 1 : e - 1;
          return m % 2 === 0 ? 2n : 0n;
        };
        expect(chi).toBe(c.reduce((p, v) => p * perChi(v), 1n));
        expect(total).toBe(c.reduce((p, v) => p * (exact.sign(v) === 0 ? 1n : 2n), 1n));
      }),
    );
  });

  it("should have b_0 = 2^{#split neurons} = the number of components", () => {
    fc.assert(
      fc.property(cValues, dims, (c, d) => {
        const betti = bettiNumbers(poincareFactors(signCounts(c), d));
        const split = splitNeurons(c, d);
        expect(betti[0]).toBe(componentCount(split));
        expect(BigInt([...enumerateComponents(split)].length)).toBe(betti[0]);
      }),
    );
  });

  it("should print polynomials with zero terms left out", () => {
    expect(formatPolynomial([1n, 0n, 2n, 0n, 1n])).toBe("1 + 2t^2 + t^4");
    expect(formatPolynomial([2n, 3n])).toBe("2 + 3t");
  });
});

describe("enumerateComponents", () => {
  it("should list distinct patterns lazily, stopping at the limit", () => {
    const split = splitNeurons(["-1", "-2", "-3"].map(exact.parse), { dIn: 2, e: 1 });
    const all = [...enumerateComponents(split)];
    expect(all).toEqual(["+++", "++-", "+-+", "+--", "-++", "-+-", "--+", "---"]);
    expect([...enumerateComponents(split, 3n)]).toEqual(all.slice(0, 3));
  });
});

describe("componentOf", () => {
  const scalarNets = netAndData.filter(({ net }) => net.layers[1]!.W.length === 1).map(({ net }) => net);

  it("should read the sign of a_k for pathological neurons and of w_k for positive-split ones", () => {
    const net: LayeredNetwork<Rational> = twoLayer({
      activation: { kind: "relu" },
      W1: [["1/2"], ["3"], ["-2"]].map((r) => r.map(exact.parse)),
      W2: [["-1", "1", "1"]].map((r) => r.map(exact.parse)),
    });
    // c = (1/4 − 1, 9 − 1, 4 − 1): neuron 0 pathological (a < 0), neurons 1, 2 positive-split (w = 3, −2)
    expect(componentOf(net).pattern).toBe("-+-");
  });

  it("should be unchanged by rescaling any neuron with λ > 0 whose kind it keeps", () => {
    fc.assert(
      fc.property(scalarNets, fc.nat(), positiveRational(), (net, kRaw, lambda) => {
        const k = kRaw % net.layers[0]!.W.length;
        const scaled: LayeredNetwork<Rational> = twoLayer({
          ...net,
          W1: net.layers[0]!.W.map((w, i) => (i === k ? w.map((v) => exact.mul(lambda, v)) : w)),
          b1: net.layers[0]!.b?.map((v, i) => (i === k ? exact.mul(lambda, v) : v)),
          W2: net.layers[1]!.W.map((row) => row.map((v, i) => (i === k ? exact.div(v, lambda) : v))),
        });
        const before = componentOf(net);
        const after = componentOf(scaled);
        fc.pre(before.split.all.join() === after.split.all.join());
        expect(after.pattern).toBe(before.pattern);
      }),
    );
  });
});
