import { describe, expect, it } from "vitest";
import { importGraph, layerOf, layerViolations, relativeImports, SRC_DIR } from "./importGraph.js";

/**
 * Imports that still break the layer order in code being restructured, each
 * `from -> to`. To remove: every pair goes once its file imports downwards;
 * the test fails when a listed pair no longer occurs, so the list only shrinks.
 */
const ALLOWED_VIOLATIONS: readonly string[] = [];

describe("layers", () => {
  it("should find static, re-exported and dynamic relative imports, and no import in a comment", () => {
    // Arrange
    const text = [
      'import { a } from "./a.js";',
      'import type { B } from "../net/b.js";',
      'export { c } from "./sub/index.js";',
      'import "./side.js";',
      '// import { d } from "./commented.js";',
      'const e = await import("../report/e.js");',
      'import { stringify } from "csv-stringify/sync";',
    ].join("\n");
    const known = new Set(["laws/a.ts", "net/b.ts", "laws/sub/index.ts", "laws/side.ts", "report/e.ts"]);
    // Act
    const imports = relativeImports("laws/x.ts", text, (p) => known.has(p));
    // Assert
    expect(imports).toEqual(["laws/a.ts", "net/b.ts", "laws/sub/index.ts", "laws/side.ts", "report/e.ts"]);
  });

  it("should place every folder on its floor, lowest first", () => {
    expect(
      [
        "errors.ts",
        "io/x.ts",
        "table/t.ts",
        "scalar/s.ts",
        "net/n.ts",
        "flow/f.ts",
        "laws/l.ts",
        "runner/r.ts",
        "report/r.ts",
        "cli/c.ts",
      ].map(layerOf),
    ).toEqual([0, 0, 0, 0, 1, 2, 3, 4, 5, 6]);
    expect(layerOf("index.ts")).toBeUndefined();
  });

  it("should flag upward imports, the root barrel and foreign _internals, and nothing else", () => {
    // Arrange
    const edges = [
      { from: "laws/lawsTable.ts", to: "table/table.ts" }, // downwards
      { from: "laws/a.ts", to: "topology/b.ts" }, // same floor
      { from: "laws/a.ts", to: "laws/_internals/modp.ts" }, // own internals
      { from: "index.ts", to: "cli/main.ts" }, // the barrel may import anything
      { from: "laws/lawsTable.ts", to: "report/formatTable.ts" }, // upwards
      { from: "net/x.ts", to: "index.ts" }, // the barrel
      { from: "topology/a.ts", to: "laws/_internals/modp.ts" }, // another layer's internals
      { from: "cli/main.ts", to: "flow/_internals/trajectory.ts" }, // even from above
    ];
    // Act
    const violations = layerViolations(edges);
    // Assert
    expect(violations).toEqual([
      "cli/main.ts -> flow/_internals/trajectory.ts",
      "laws/lawsTable.ts -> report/formatTable.ts",
      "net/x.ts -> index.ts",
      "topology/a.ts -> laws/_internals/modp.ts",
    ]);
  });

  it("should import downwards only in src/", () => {
    // Arrange
    const edges = importGraph(SRC_DIR);
    // Act
    const violations = layerViolations(edges);
    // Assert
    expect(edges.length).toBeGreaterThan(100);
    expect(
      violations.filter((v) => !ALLOWED_VIOLATIONS.includes(v)),
      "imports against the layer order (from -> to)",
    ).toEqual([]);
    expect(
      ALLOWED_VIOLATIONS.filter((v) => !violations.includes(v)),
      "allowed pairs that no longer occur: remove them",
    ).toEqual([]);
  });
});
