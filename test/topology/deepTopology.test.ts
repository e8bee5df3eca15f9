import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gradientDescent } from "../../src/flow/gradientDescent.js";
import { layerInvariants } from "../../src/invariants/layerInvariants.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { componentCount } from "../../src/topology/componentCount.js";
import { componentOf } from "../../src/topology/componentOf.js";
import { deepTopology } from "../../src/topology/deepTopology.js";
import { lockedWeights } from "../../src/topology/lockedWeights.js";
import { splitNeurons } from "../../src/topology/splitNeurons.js";
import { rational } from "../helpers/arbitraries.js";

const q = exact.parse;

/** A small fully connected relu net: input width 1–2, hidden widths 1–2 (width 1 often, to make chains), biases at random. */
const smallNet = (minLayers = 2, maxLayers = 4, value = rational(3, 2)): fc.Arbitrary<LayeredNetwork<Rational>> =>
  fc
    .record({
      widths: fc.array(fc.constantFrom(1, 1, 2), { minLength: minLayers + 1, maxLength: maxLayers + 1 }),
      biases: fc.array(fc.boolean(), { minLength: maxLayers, maxLength: maxLayers }),
    })
    .chain(({ widths, biases }) =>
      fc.tuple(
        ...widths.slice(1).map((n, i) =>
          fc.record({
            W: fc.array(fc.array(value, { minLength: widths[i]!, maxLength: widths[i]! }), { minLength: n, maxLength: n }),
            b: biases[i] ? fc.array(value, { minLength: n, maxLength: n }) : fc.constant(undefined),
          }),
        ),
      ),
    )
    .map((layers) => ({ activation: { kind: "relu" as const }, layers }));

/** Every parameter as (layer, row, col) with col = n_{l−1} for the bias, and its value. */
function coordinates(net: LayeredNetwork<Rational>): { layer: number; row: number; col: number; value: Rational }[] {
  return net.layers.flatMap(({ W, b }, i) =>
    W.flatMap((r, row) => [
      ...r.map((value, col) => ({ layer: i + 1, row, col, value })),
      ...(b ? [{ layer: i + 1, row, col: r.length, value: b[row]! }] : []),
    ]),
  );
}

/** Solves A x = b exactly (Gauss–Jordan); the unique solution, or undefined when inconsistent or not unique. */
function solveUnique(A: Rational[][], b: Rational[]): Rational[] | undefined {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const M = A.map((r, i) => [...r, b[i]!]);
  let row = 0;
  const pivots: number[] = [];
  for (let col = 0; col < n; col++) {
    const p = M.findIndex((r, i) => i >= row && exact.sign(r[col]!) !== 0);
    if (p < 0) return undefined; // a free column: not unique
    [M[row], M[p]] = [M[p]!, M[row]!];
    const pivot = M[row]![col]!;
    M[row] = M[row]!.map((v) => exact.div(v, pivot));
    for (let i = 0; i < m; i++)
      if (i !== row && exact.sign(M[i]![col]!) !== 0) {
        const f = M[i]![col]!;
        M[i] = M[i]!.map((v, j) => exact.sub(v, exact.mul(f, M[row]![j]!)));
      }
    pivots.push(row++);
  }
  for (let i = row; i < m; i++) if (exact.sign(M[i]![n]!) !== 0) return undefined;
  return pivots.map((r) => M[r]![n]!);
}

/**
 * The oracle: is there s ≥ 0 with A s = c and s_p = 0? By the fundamental theorem of linear
 * programming, exactly when some set of linearly independent columns (p excluded) has a
 * non-negative solution: tried one subset at a time, with no flows or cuts involved.
 */
function canVanish(A: Rational[][], c: Rational[], p: number): boolean {
  const cols = [...Array(A[0]!.length).keys()].filter((j) => j !== p);
  if (c.every((v) => exact.sign(v) === 0)) return true;
  const m = A.length;
  const pick = (start: number, chosen: number[]): boolean => {
    if (chosen.length > 0) {
      const x = solveUnique(
        A.map((r) => chosen.map((j) => r[j]!)),
        c,
      );
      if (x?.every((v) => exact.sign(v) >= 0)) return true;
    }
    if (chosen.length === m) return false;
    for (let i = start; i < cols.length; i++) if (pick(i + 1, [...chosen, cols[i]!])) return true;
    return false;
  };
  return pick(0, []);
}

describe("lockedWeights", () => {
  it("should lock exactly the weights that no point of the polyhedron S = {s ≥ 0 : A s = c} lets vanish", () => {
    fc.assert(
      fc.property(smallNet(2, 4), (net) => {
        const params = coordinates(net);
        fc.pre(params.length <= 11);
        const c = layerInvariants(net, exact);
        const hidden = c.flatMap((row, i) => row.map((_, k) => [i + 1, k] as const));
        const A = hidden.map(([h, k]) =>
          params.map((p) =>
            p.layer === h && p.row === k
              ? exact.one
              : p.layer === h + 1 && p.col === k && p.col < net.layers[h - 1]!.W.length
                ? exact.neg(exact.one)
                : exact.zero,
          ),
        );
        const cFlat = c.flat();
        const expected = params.filter((_, p) => !canVanish(A, cFlat, p)).map(({ layer, row, col }) => `${layer},${row},${col}`);
        expect(lockedWeights(net).map(({ layer, row, col }) => `${layer},${row},${col}`)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it("should give margins that bound each locked weight's square at θ from below", () => {
    fc.assert(
      fc.property(smallNet(2, 5), (net) => {
        const params = coordinates(net);
        for (const w of lockedWeights(net)) {
          const { value } = params.find((p) => p.layer === w.layer && p.row === w.row && p.col === w.col)!;
          expect(exact.sign(w.margin)).toBe(1);
          expect(exact.cmp(exact.mul(value, value), w.margin)).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it("should lock a weight through a chain that no single neuron locks (widths 1,1,1,1, c = (−1, 5))", () => {
    // W1 = a, W2 = b, W3 = c: c1 = a² − b², c2 = b² − c²; the set {1, 2} has c1 + c2 = a² − c² > 0, so a² ≥ c1 + c2
    const t: LayeredNetwork<Rational> = {
      activation: { kind: "relu" },
      layers: [{ W: [[q("3")]] }, { W: [[q("-10")]] }, { W: [[q("1")]] }],
    };
    // c1 = 9 − 100 = −91 (pathological: locks b), c2 = 100 − 1 = 99 (positive-split: locks b), chain {1, 2}: 8 > 0 locks a
    const top = deepTopology(t);
    expect(top.locked.map((w) => [w.layer, exact.toString(w.margin), w.singleNeuron])).toEqual([
      [1, "8", false],
      [2, "99", true],
    ]);
    expect([top.signLocked, String(top.lowerBound), String(top.components), top.pattern]).toEqual([1, "2", "4", "+-"]);
  });
});

describe("deepTopology", () => {
  it("should count as componentCount does, and name componentOf's component, for two weight layers", () => {
    fc.assert(
      fc.property(smallNet(2, 2), (net) => {
        const top = deepTopology(net);
        const own = componentOf(net);
        const c = layerInvariants(net, exact)[0]!;
        expect(top.components).toBe(componentCount(splitNeurons(c, { dIn: top.layers[0]!.dIn, e: top.layers[0]!.e })));
        expect(top.lowerBound).toBe(top.components);
        expect(top.exact).toBe(true);
        expect([...top.pattern].sort()).toEqual([...own.pattern].sort());
      }),
    );
  });

  it("should keep c exactly when a locked weight is flipped, and the flipped network lies in the component with that sign flipped", () => {
    fc.assert(
      fc.property(smallNet(2, 5), fc.nat(), (net, pick) => {
        const top = deepTopology(net);
        fc.pre(top.locked.length > 0);
        const i = pick % top.locked.length;
        const w = top.locked[i]!;
        const flipped: LayeredNetwork<Rational> = {
          activation: net.activation,
          layers: net.layers.map(({ W, b }, l) => ({
            W: W.map((r, row) => r.map((v, col) => (l + 1 === w.layer && row === w.row && col === w.col ? exact.neg(v) : v))),
            b: b?.map((v, row) => (l + 1 === w.layer && row === w.row && w.col === W[0]!.length ? exact.neg(v) : v)),
          })),
        };
        const before = layerInvariants(net, exact).flat().map(exact.toString);
        expect(layerInvariants(flipped, exact).flat().map(exact.toString)).toEqual(before);
        const after = deepTopology(flipped);
        expect(after.components).toBe(top.components);
        const expected = [...top.pattern].map((s, j) => (j === i ? (s === "+" ? "-" : "+") : s)).join("");
        expect(after.pattern).toBe(expected);
        expect(top.lowerBound <= top.components).toBe(true);
        expect(top.signLocked).toBe(top.locked.filter((x) => x.singleNeuron).length);
      }),
    );
  });

  it("should keep every locked weight's square above its margin at every iterate of exact gradient descent", () => {
    // Gradient descent is not the flow: c drifts by η²(‖g_w̃‖² − ‖g_a‖²) per step (exactly), so the
    // locked set may change and a sign may in principle cross in one step. What is proven, and asserted
    // here, holds at every point whatever its c: |θ_p|² ≥ margin_p(c(θ)) for every weight locked at c(θ).
    const data = { X: [[q("1")], [q("-1/2")], [q("2")]], Y: [[q("1")], [q("0")], [q("-1")]] };
    fc.assert(
      fc.property(
        smallNet(3, 3, rational(2, 1)).filter((n) => n.layers[0]!.W[0]!.length === 1 && n.layers[n.layers.length - 1]!.W.length === 1),
        (net) => {
          let theta = net;
          for (let t = 0; t <= 3; t++) {
            const params = coordinates(theta);
            for (const w of deepTopology(theta).locked) {
              const { value } = params.find((p) => p.layer === w.layer && p.row === w.row && p.col === w.col)!;
              expect(exact.cmp(exact.mul(value, value), w.margin)).toBeGreaterThanOrEqual(0);
            }
            theta = gradientDescent(theta, data, exact, { lr: q("1/64"), steps: 1, loss: "mse" }).params;
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
