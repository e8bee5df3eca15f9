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
});
