import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { exportedBarrels, publicFiles } from "./architecture/publicFiles.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const SRC = join(root, "src");

/** Runs a user's ES module script from the repository root, where `relutopo` resolves to the package itself. */
function runScript(script: string): { stdout: string; stderr: string } {
  return spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
}

/** Every name a declaration file exports (`export { a, type B }`, `export declare function …`, …), as its parser reads it. */
function declaredExports(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.Latest, false);
  const names: string[] = [];
  for (const s of source.statements) {
    if (ts.isExportDeclaration(s) && s.exportClause !== undefined && ts.isNamedExports(s.exportClause))
      names.push(...s.exportClause.elements.map((e) => e.name.text));
    else if (ts.isExportDeclaration(s)) names.push(`* from ${(s.moduleSpecifier as ts.StringLiteral).text}`);
    else if (
      ts.canHaveModifiers(s) &&
      (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword) &&
      "name" in s &&
      s.name !== undefined &&
      ts.isIdentifier(s.name as ts.Node)
    )
      names.push((s.name as ts.Identifier).text);
  }
  return names;
}

/** The names docs/api.md documents: the first cell of every table row, written as `name`. */
function documentedNames(): string[] {
  const text = readFileSync(join(root, "docs", "api.md"), "utf8");
  return [...text.matchAll(/^\| `([A-Za-z_$][\w$]*)` \|/gm)].map((m) => m[1]!);
}

describe('import { … } from "relutopo"', () => {
  it("should resolve the package's own exports from the built dist/", () => {
    // Arrange: a user script importing the package by name (self-reference through "exports").
    const script = `import { exact, networkIn, readNetwork, neuronInvariants } from "relutopo";
const net = networkIn(readNetwork('{"W1": [[2, "1/4"]], "b1": ["1/4"], "W2": [["1/2"]]}'), exact);
console.log(neuronInvariants(net, exact).map(exact.toString).join(","));`;
    // Act
    const r = runScript(script);
    // Assert
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("31/8");
  });

  it("should read a network file into exact rationals in one call (the documented way)", () => {
    // c_k = ‖w_k‖² + b_k² − a_k² of examples/toy.json, computed by hand: 4 + 1/16 + 1/16 − 1/4 and 1 + 1/4 + 9/4 − 9.
    const script = `import { exact, neuronInvariants, readExactNetwork } from "relutopo";
const net = readExactNetwork("examples/toy.json");
console.log(neuronInvariants(net, exact).map(exact.toString).join(","));
console.log(net.layers.length, exact.toString(net.layers[1].W[0][1]));`;
    const r = runScript(script);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim().split("\n")).toEqual(["31/8,-11/2", "2 -3"]);
  });

  it("should export the conservation-law API with the README's results", () => {
    const script = `import { lawArchitecture, lawsReport, conservationLaws, knownLawCount } from "relutopo";
console.log(lawsReport(lawArchitecture([1, 3, 1], { activation: "linear" })).count);
console.log(conservationLaws(lawArchitecture([3, 4, 1])).laws[0].text);
console.log(String(knownLawCount(lawArchitecture([2, 6, 1], { activation: "linear" })).count));`;
    const r = runScript(script);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim().split("\n")).toEqual(["5", "w11^2 + w12^2 + w13^2 - a1^2", "15"]);
  });

  it("should give power users the rest of a layer through its subpath", () => {
    // dot is internal to the root but public under relutopo/net; EXPERIMENTS under relutopo/experiments.
    const script = `import { dot } from "relutopo/net";
import { EXPERIMENTS } from "relutopo/experiments";
import { exact } from "relutopo/scalar";
import * as rootApi from "relutopo";
console.log(exact.toString(dot(exact, [exact.parse("1/2"), exact.parse("3")], [exact.parse("4"), exact.parse("-1/3")])));
console.log(EXPERIMENTS.length, "dot" in rootApi, "EXPERIMENTS" in rootApi);`;
    const r = runScript(script);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim().split("\n")).toEqual(["1", "5 false false"]);
  });
});

describe("the root API", () => {
  const dts = declaredExports(join(root, "dist", "index.d.ts"));

  it("should be small: at most 100 names in dist/index.d.ts, each named (no export *)", () => {
    expect(dts.filter((n) => n.startsWith("* from"))).toEqual([]);
    expect(dts.length).toBeGreaterThan(50);
    expect(dts.length).toBeLessThanOrEqual(100);
  });

  it("should be exactly what docs/api.md lists, each name once", () => {
    const documented = documentedNames();
    expect([...documented].sort()).toEqual([...new Set(documented)].sort());
    expect([...documented].sort()).toEqual([...dts].sort());
  });

  it("should hold no experiment, runner, report builder or table: those live under their subpaths", async () => {
    const api = (await import("../src/index.js")) as Record<string, unknown>;
    const leaked: string[] = [];
    for (const layer of ["experiments", "runner", "report", "table"]) {
      const barrel = (await import(`../src/${layer}/index.ts`)) as Record<string, unknown>;
      for (const name of Object.keys(barrel)) if (name in api) leaked.push(`${layer}: ${name}`);
    }
    expect(leaked).toEqual([]);
    for (const internal of ["dot", "biasSlot", "TOY_DATA", "buildReport", "runCell"]) expect(api[internal], internal).toBeUndefined();
  });

  it("should give every root function a TSDoc @example (test/docExamples.test.ts runs them)", async () => {
    const api = (await import("../src/index.js")) as Record<string, unknown>;
    const missing: string[] = [];
    for (const [file, names] of publicFiles(SRC, ["index.ts"])) {
      const functions = names.filter((n) => typeof api[n] === "function" && !/Error$/.test(n));
      if (functions.length > 0 && !readFileSync(join(SRC, file), "utf8").includes("@example")) missing.push(file);
    }
    expect(missing).toEqual([]);
  });

  it("should list in package.json a subpath with types and import for every layer barrel", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      exports: Record<string, { types: string; import: string }>;
    };
    for (const [key, entry] of Object.entries(pkg.exports)) {
      expect(entry.types, key).toBe(entry.import.replace(/\.js$/, ".d.ts"));
      expect(entry.import, key).toBe(key === "." ? "./dist/index.js" : `./dist/${key.slice(2)}/index.js`);
    }
    expect(exportedBarrels(SRC)).toContain("net/index.ts");
    expect(exportedBarrels(SRC)).toHaveLength(14);
  });
});
