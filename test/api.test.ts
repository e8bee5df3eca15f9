import { spawnSync } from "node:child_process";
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
