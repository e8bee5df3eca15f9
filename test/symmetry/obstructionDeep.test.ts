import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { layerInvariants } from "../../src/invariants/layerInvariants.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { inspectionSchema } from "../../src/symmetry/inspectionSchema.js";
import { inspectNetwork } from "../../src/symmetry/inspectNetwork.js";
import { obstruction } from "../../src/symmetry/obstruction.js";
import { rational } from "../helpers/arbitraries.js";

const q = exact.parse;

/** Scalar-output relu nets with two hidden layers; the last hidden layer of width 1–3, the one before often of width 1. */
const deepScalarNet = fc
  .tuple(fc.constantFrom(1, 1, 2), fc.integer({ min: 1, max: 3 }), fc.boolean())
  .chain(([h1, h2, bias]) => {
    const widths = [1, h1, h2, 1];
    return fc.tuple(
      ...widths.slice(1).map((n, i) =>
        fc.record({
          W: fc.array(fc.array(rational(3, 2), { minLength: widths[i]!, maxLength: widths[i]! }), { minLength: n, maxLength: n }),
          b: bias && i === 0 ? fc.array(rational(3, 2), { minLength: n, maxLength: n }) : fc.constant(undefined),
        }),
      ),
    );
  })
  .map((layers): LayeredNetwork<Rational> => ({ activation: { kind: "relu" }, layers }));

describe("obstruction on a deep scalar-output network", () => {
  it("should agree with trying every sign pattern whose locked output weights keep their sign", () => {
    fc.assert(
      fc.property(deepScalarNet, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), (net, P, N) => {
        const a = net.layers[2]!.W[0]!;
        const c = layerInvariants(net, exact);
        // Locked output weights from the invariants directly: |a_k|² = ‖in_k‖² − c_{2,k} ≥ −c_{2,k};
        // with a last hidden layer of width 1 also −(c_{2,1} + Σ negative c_{1,·}) bounds |a_1|².
        const negSum = c[0]!.reduce((s, v) => (exact.sign(v) < 0 ? exact.add(s, v) : s), exact.zero);
        const locked = a.map((_, k) => exact.sign(c[1]![k]!) < 0 || (a.length === 1 && exact.sign(exact.add(c[1]![0]!, negSum)) < 0));
        let reachable = false;
        for (let mask = 0; mask < 1 << a.length; mask++) {
          const signs = a.map((v, k) => (locked[k] ? exact.sign(v) : mask & (1 << k) ? 1 : -1));
          if (signs.filter((s) => s > 0).length >= P && signs.filter((s) => s < 0).length >= N) reachable = true;
        }
        const v = obstruction(net, P, N);
        expect(v.obstructed).toBe(!reachable);
        expect(v.lockedPattern).toBe(a.map((x, k) => (locked[k] ? (exact.sign(x) > 0 ? "+" : "-") : "?")).join(""));
      }),
    );
  });

  it("should exclude exactly the target signs that contradict a locked sign", () => {
    fc.assert(
      fc.property(deepScalarNet, fc.array(fc.constantFrom("+", "-", "?"), { minLength: 3, maxLength: 3 }), (net, chars) => {
        const l = net.layers[2]!.W[0]!.length;
        const target = chars.slice(0, l).join("");
        const v = obstruction(net, 0, 0, { targetSigns: target });
        const pattern = v.lockedPattern!;
        const contradicts = [...target].some((t, k) => t !== "?" && pattern[k] !== "?" && pattern[k] !== t);
        expect(v.obstructed).toBe(contradicts);
      }),
    );
  });

  it("should refuse target signs of the wrong length", () => {
    const net: LayeredNetwork<Rational> = {
      activation: { kind: "relu" },
      layers: [{ W: [[q("1")]] }, { W: [[q("1")]] }, { W: [[q("1")]] }],
    };
    expect(() => obstruction(net, 0, 0, { targetSigns: "+-" })).toThrow("invalid targetSigns. Must be 1 characters, each +, - or ?");
  });
});

describe("inspectNetwork", () => {
  it("should give a report that fits its schema, with the exact count and the pattern of every locked weight", () => {
    fc.assert(
      fc.property(deepScalarNet, (net) => {
        const X = [[q("1")], [q("-2")]];
        const r = inspectNetwork(net, { X, Y: [[q("0")], [q("1")]] });
        expect(inspectionSchema.safeParse(JSON.parse(JSON.stringify(r))).success).toBe(true);
        expect(BigInt(r.topology.components)).toBe(1n << BigInt(r.topology.locked.length));
        expect(r.topology.component).toBe(r.topology.locked.map((w) => w.sign).join(""));
        expect(r.layers.map((l) => l.c)).toEqual(layerInvariants(net, exact).map((row) => row.map(exact.toString)));
        expect(BigInt(r.outputSigns!.notExcluded) + BigInt(r.outputSigns!.excluded)).toBe(1n << BigInt(r.outputSigns!.pattern.length));
      }),
    );
  });
});
