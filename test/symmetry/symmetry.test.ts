import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { splitNeurons } from "../../src/topology/splitNeurons.js";
import type { QuadricDims } from "../../src/topology/checkDims.js";
import { neuronKind } from "../../src/topology/neuronKind.js";
import { strictOrbitCount } from "../../src/symmetry/strictOrbitCount.js";
import { effectiveComponentCount } from "../../src/symmetry/effectiveComponentCount.js";
import { obstruction } from "../../src/symmetry/obstruction.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { rational } from "../helpers/arbitraries.js";
import { twoLayer } from "../helpers/twoLayer.js";

/** All permutations of 0..n−1. */
function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => [...Array(n).keys()].map((i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

/**
 * Orbits of sign patterns (one sign per neuron; non-split neurons carry a fixed "0")
 * under the permutations allowed by `allowed`, counted with union-find.
 */
function bruteForceOrbits(c: Rational[], dims: QuadricDims, allowed: (perm: number[]) => boolean): bigint {
  const split = new Set(splitNeurons(c, dims).all);
  const l = c.length;
  const patterns: string[] = [];
  const walk = (k: number, acc: string): void => {
    if (k === l) return void patterns.push(acc);
    if (split.has(k)) {
      walk(k + 1, `${acc}+`);
      walk(k + 1, `${acc}-`);
    } else walk(k + 1, `${acc}0`);
  };
  walk(0, "");
  const index = new Map(patterns.map((p, i) => [p, i]));
  const parent = patterns.map((_, i) => i);
  const find = (i: number): number => {
    if (parent[i] === i) return i;
    const root = find(parent[i]!);
    parent[i] = root; // path compression
    return root;
  };
  for (const perm of permutations(l).filter(allowed)) {
    patterns.forEach((p, i) => {
      const image = perm.map((src) => p[src]).join("");
      parent[find(i)] = find(index.get(image)!);
    });
  }
  return BigInt(new Set(patterns.map((_, i) => find(i))).size);
}

const cWithRepeats = fc.array(fc.oneof(rational(2, 2), fc.constantFrom(...["-1", "0", "1"].map(exact.parse))), {
  minLength: 1,
  maxLength: 6,
});
const dims = fc.record({ dIn: fc.integer({ min: 1, max: 3 }), e: fc.integer({ min: 1, max: 3 }) });

describe("strictOrbitCount", () => {
  it("should equal brute-force orbits under permutations exchanging only neurons of exactly equal c", () => {
    fc.assert(
      fc.property(cWithRepeats, dims, (c, d) => {
        const brute = bruteForceOrbits(c, d, (perm) => perm.every((src, k) => exact.eq(c[src]!, c[k]!)));
        expect(strictOrbitCount(c, splitNeurons(c, d))).toBe(brute);
      }),
      { numRuns: 60 },
    );
  });
});

describe("effectiveComponentCount", () => {
  it("should equal brute-force orbits when rescaling lets any two neurons of the same kind be exchanged", () => {
    fc.assert(
      fc.property(cWithRepeats, dims, (c, d) => {
        const brute = bruteForceOrbits(c, d, (perm) => perm.every((src, k) => neuronKind(c[src]!, d) === neuronKind(c[k]!, d)));
        expect(effectiveComponentCount(splitNeurons(c, d))).toBe(brute);
      }),
      { numRuns: 60 },
    );
  });

  it("should give the paper's picture: 2 pathological neurons, 4 components, 3 effective", () => {
    expect(effectiveComponentCount(splitNeurons(["-1", "-5/2"].map(exact.parse), { dIn: 3, e: 1 }))).toBe(3n);
  });
});

describe("obstruction", () => {
  const scalarNet = fc
    .integer({ min: 1, max: 4 })
    .chain((l) =>
      fc.record({
        W1: fc.array(fc.array(rational(3, 2), { minLength: 2, maxLength: 2 }), { minLength: l, maxLength: l }),
        a: fc.array(rational(3, 2), { minLength: l, maxLength: l }),
      }),
    )
    .map(({ W1, a }): LayeredNetwork<Rational> => twoLayer({ activation: { kind: "relu" }, W1, W2: [a] }));

  it("should agree with trying every sign assignment the component allows", () => {
    fc.assert(
      fc.property(scalarNet, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), (net, P, N) => {
        const l = net.layers[0]!.W.length;
        const c = net.layers[0]!.W.map((w, k) =>
          exact.sub(
            w.reduce((s, v) => exact.add(s, exact.mul(v, v)), exact.zero),
            exact.mul(net.layers[1]!.W[0]![k]!, net.layers[1]!.W[0]![k]!),
          ),
        );
        // a pathological neuron keeps sign(a_k); every other neuron may be + or −
        let reachable = false;
        for (let mask = 0; mask < 1 << l; mask++) {
          const signs = [...Array(l).keys()].map((k) =>
            exact.sign(c[k]!) < 0 ? exact.sign(net.layers[1]!.W[0]![k]!) : mask & (1 << k) ? 1 : -1,
          );
          if (signs.every((s, k) => exact.sign(c[k]!) >= 0 || s === exact.sign(net.layers[1]!.W[0]![k]!))) {
            const pos = signs.filter((s) => s > 0).length;
            const neg = signs.filter((s) => s < 0).length;
            if (pos >= P && neg >= N) reachable = true;
          }
        }
        expect(obstruction(net, P, N).obstructed).toBe(!reachable);
      }),
    );
  });
});
