import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as api from "../src/index.js";
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

/** One row of docs/api.md: a root name, what it is, and an example `code // returns value` (or `// throws Name`). */
interface ApiRow {
  name: string;
  code: string;
  expected: string;
}

/** The rows of docs/api.md's tables: `| \`name\` | what it is | \`example\` |` (a `\|` in a cell is a `|`). */
function apiRows(): ApiRow[] {
  const text = readFileSync(join(root, "docs", "api.md"), "utf8");
  return [...text.matchAll(/^\| `([A-Za-z_$][\w$]*)` \| .*? \| `(.*)` \|$/gm)].map((m) => {
    const example = m[2]!.replace(/\\\|/g, "|");
    const cut = example.lastIndexOf(" // ");
    return { name: m[1]!, code: cut < 0 ? example : example.slice(0, cut), expected: cut < 0 ? "" : example.slice(cut + 4) };
  });
}

/** A value as plain JSON data, BigInts as "123n", so that literals and results compare. */
const comparable = (value: unknown): unknown =>
  value === undefined ? "undefined" : JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `${v}n` : v)));

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<unknown>;

/** Runs an example with the root's names and `fc` in scope: set-up statements up to the last "; ", then the value. */
function runExample(code: string): Promise<unknown> {
  const cut = code.lastIndexOf("; ");
  const body = cut < 0 ? `return (${code});` : `${code.slice(0, cut + 1)}\nreturn (${code.slice(cut + 2)});`;
  const scope: Record<string, unknown> = { ...api, fc };
  return new AsyncFunction(...Object.keys(scope), body)(...Object.values(scope));
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
    expect(r.stdout.trim().split("\n")).toEqual(["1", "6 false false"]);
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
    const documented = apiRows().map((r) => r.name);
    expect([...documented].sort()).toEqual([...new Set(documented)].sort());
    expect([...documented].sort()).toEqual([...dts].sort());
  });

  it.each(apiRows().map((r) => [r.name, r] as const))(
    "docs/api.md's example of %s should give what it says",
    { timeout: 60_000 },
    async (_name, row) => {
      // A value's example uses it (an error class: the one it throws); a type's shows a value of that type.
      if (row.name in api) expect(`${row.code} ${row.expected}`, "the example should use the name it documents").toContain(row.name);
      const throws = /^throws (\w+)$/.exec(row.expected);
      if (throws !== null) {
        const error = await runExample(row.code).then(
          () => undefined,
          (err: unknown) => err,
        );
        expect((error as Error | undefined)?.name).toBe(throws[1]);
        return;
      }
      expect(row.expected.startsWith("returns "), "an example needs `// returns <value>` or `// throws <Error>`").toBe(true);
      const expected = new Function(`return (${row.expected.slice("returns ".length)});`)() as unknown;
      expect(comparable(await runExample(row.code))).toEqual(comparable(expected));
    },
  );

  it("should hold no experiment, runner, report builder or table: those live under their subpaths", async () => {
    const leaked: string[] = [];
    for (const layer of ["experiments", "runner", "report", "table"]) {
      const barrel = (await import(`../src/${layer}/index.ts`)) as Record<string, unknown>;
      for (const name of Object.keys(barrel)) if (name in api) leaked.push(`${layer}: ${name}`);
    }
    expect(leaked).toEqual([]);
    for (const internal of ["dot", "biasSlot", "TOY_DATA", "buildReport", "runCell"]) expect(internal in api, internal).toBe(false);
  });

  it("should give every root function a TSDoc @example (test/docExamples.test.ts runs them)", () => {
    const missing: string[] = [];
    for (const [file, names] of publicFiles(SRC, ["index.ts"])) {
      const functions = names.filter((n) => typeof (api as Record<string, unknown>)[n] === "function" && !/Error$/.test(n));
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
