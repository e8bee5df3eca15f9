import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

describe('import { … } from "relutopo"', () => {
  it("should resolve the package's own exports from the built dist/", () => {
    // Arrange: a user script importing the package by name (self-reference through "exports").
    const script = `import { exact, networkIn, readNetwork, neuronInvariants } from "relutopo";
const net = networkIn(readNetwork('{"W1": [[2, "1/4"]], "b1": ["1/4"], "W2": [["1/2"]]}'), exact);
console.log(neuronInvariants(net, exact).map(exact.toString).join(","));`;
    // Act
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
    // Assert
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("31/8");
  });

  it("should export the conservation-law API with the README's results", () => {
    const script = `import { lawArchitecture, lawsReport, conservationLaws, knownLawCount } from "relutopo";
console.log(lawsReport(lawArchitecture([1, 3, 1], { activation: "linear" })).count);
console.log(conservationLaws(lawArchitecture([3, 4, 1])).laws[0].text);
console.log(String(knownLawCount(lawArchitecture([2, 6, 1], { activation: "linear" })).count));`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim().split("\n")).toEqual(["5", "w11^2 + w12^2 + w13^2 - a1^2", "15"]);
  });
});

describe("src/index.ts", () => {
  it("should name each export (no `export *`) and name every value export of every layer barrel", async () => {
    // Arrange
    const text = readFileSync(new URL("../src/index.ts", import.meta.url), "utf8");
    const api = (await import("../src/index.js")) as Record<string, unknown>;
    const layers = [
      "table",
      "scalar",
      "net",
      "invariants",
      "flow",
      "topology",
      "symmetry",
      "probability",
      "laws",
      "claims",
      "experiments",
      "runner",
      "report",
    ];
    // Act
    const missing: string[] = [];
    for (const layer of layers) {
      const barrel = (await import(`../src/${layer}/index.ts`)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(barrel)) if (api[name] !== value) missing.push(`${layer}: ${name}`);
    }
    // Assert
    expect(text).not.toMatch(/export \*/);
    expect(missing).toEqual([]);
  });

  it("should keep the runner's internals private", async () => {
    const api = (await import("../src/index.js")) as Record<string, unknown>;
    for (const name of [
      "runCell",
      "runCells",
      "cellPath",
      "readCell",
      "writeCell",
      "planCells",
      "shardCells",
      "readManifests",
      "writeManifest",
    ])
      expect(api[name], name).toBeUndefined();
    expect(typeof api.reproduce).toBe("function");
    expect(typeof api.mergeShards).toBe("function");
  });
});
