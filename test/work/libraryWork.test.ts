import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { lawArchitecture } from "../../src/laws/lawArchitecture.js";
import { lawsWork } from "../../src/laws/lawsWork.js";
import { probabilityWork } from "../../src/probability/probabilityWork.js";
import { exact } from "../../src/scalar/exact.js";
import { componentsTable } from "../../src/symmetry/componentsTable.js";
import { componentsTableWork } from "../../src/symmetry/componentsTableWork.js";
import { enumerateComponents } from "../../src/topology/enumerateComponents.js";
import { enumerateComponentsWork } from "../../src/topology/enumerateComponentsWork.js";
import { splitNeurons } from "../../src/topology/splitNeurons.js";

describe("estimates of the library's long computations", () => {
  test.prop([
    fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 2 }),
    fc.uniqueArray(fc.integer({ min: 1, max: 2 }), { minLength: 1, maxLength: 2 }),
    fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
  ])("should count the rows componentsTable makes", (dIns, es, widths) => {
    expect(componentsTableWork(dIns, es, widths).detail).toBe(`${componentsTable(dIns, es, widths).rows.length} rows`);
  });

  test.prop([fc.array(fc.integer({ min: -2, max: 2 }), { minLength: 1, maxLength: 8 }), fc.bigInt({ min: 0n, max: 300n })])(
    "should count the patterns enumerateComponents lists",
    (c, limit) => {
      const split = splitNeurons(c.map(exact.fromInt), { dIn: 2, e: 1 });
      const listed = [...enumerateComponents(split, limit)].length;
      expect(enumerateComponentsWork(split, limit).detail).toBe(`${listed} patterns of ${split.all.length} signs`);
    },
  );

  it("should refuse the listings and tables of the review by default and accept small ones", () => {
    const seventy = splitNeurons(Array(70).fill(exact.fromInt(-1)), { dIn: 2, e: 1 });
    expect(enumerateComponentsWork(seventy, 9007199254740991n).seconds).toBeGreaterThan(1e9);
    expect(enumerateComponentsWork(seventy, 64n).seconds).toBeLessThan(1);
    expect(
      componentsTableWork(
        [2],
        [1],
        Array.from({ length: 200 }, (_, i) => i + 1),
      ).seconds,
    ).toBeGreaterThan(60);
    expect(lawsWork([lawArchitecture([2, 1333, 1])], 1).seconds).toBeGreaterThan(60);
    expect(lawsWork([lawArchitecture([3, 4, 1])], 2).seconds).toBeLessThan(1);
    expect(probabilityWork({ rows: 1, dIn: 3, e: 1, digits: 40, samples: 1e9 }).seconds).toBeGreaterThan(60);
    expect(probabilityWork({ rows: 1, dIn: 3, e: 1, digits: 40, distributionWidth: 100_000 }).seconds).toBeLessThan(60);
  });

  test.prop([fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 })])(
    "should grow with the width of a law's architecture",
    (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      expect(lawsWork([lawArchitecture([2, lo, 1])], 2).seconds).toBeLessThanOrEqual(lawsWork([lawArchitecture([2, hi, 1])], 2).seconds);
    },
  );
});
