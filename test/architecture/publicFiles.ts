import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import ts from "typescript";

/** What one source file exports, by kind: function and class names (an overloaded function once), and every other value or type name. */
export interface FileExports {
  /** Exported functions and classes, in source order, each once. */
  callables: string[];
  /** Every other exported name: constants, types, interfaces, enums. */
  others: string[];
  /** Whether the file re-exports a whole module (`export * from`). */
  exportStar: boolean;
}

/** The exports of a file's text, read syntactically by TypeScript's parser. */
export function fileExports(text: string): FileExports {
  const source = ts.createSourceFile("file.ts", text, ts.ScriptTarget.Latest, false);
  const callables: string[] = [];
  const others: string[] = [];
  let exportStar = false;
  const exported = (node: ts.Node): boolean =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause === undefined) exportStar = true;
    if (!exported(statement)) continue;
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      if (!callables.includes(statement.name.text)) callables.push(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) others.push(d.name.text);
    } else if (
      (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      others.push(statement.name.text);
    }
  }
  return { callables, others, exportStar };
}

/** The named re-exports of a barrel's text: exported name → (module specifier, name in that module). */
function reExports(text: string): Map<string, { from: string; name: string }> {
  const source = ts.createSourceFile("index.ts", text, ts.ScriptTarget.Latest, false);
  const out = new Map<string, { from: string; name: string }>();
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.moduleSpecifier || !statement.exportClause) continue;
    if (!ts.isNamedExports(statement.exportClause) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    for (const e of statement.exportClause.elements) {
      out.set(e.name.text, { from: statement.moduleSpecifier.text, name: (e.propertyName ?? e.name).text });
    }
  }
  return out;
}

/**
 * The barrels the package exports (package.json "exports": `.` and each subpath such as `./net`),
 * as files relative to the source tree: `index.ts`, `net/index.ts`, …
 */
export function exportedBarrels(srcDir: string): string[] {
  const pkg = JSON.parse(readFileSync(join(srcDir, "..", "package.json"), "utf8")) as {
    exports: Record<string, { import: string }>;
  };
  return Object.values(pkg.exports).map((e) => e.import.replace(/^\.\/dist\//, "").replace(/\.js$/, ".ts"));
}

/**
 * The public files of the tree at `srcDir`: every file (relative to `srcDir`, `/` separators) that declares
 * a name one of `barrels` exports (by default every barrel the package exports), found by following named
 * re-exports through the layer barrels. Maps each file to the public names it declares.
 */
export function publicFiles(srcDir: string, barrels: readonly string[] = exportedBarrels(srcDir)): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const resolve = (file: string, name: string, depth: number): void => {
    const text = readFileSync(join(srcDir, file), "utf8");
    const target = reExports(text).get(name);
    if (target === undefined || depth > 10) {
      out.set(file, [...(out.get(file) ?? []), name]);
      return;
    }
    const base = posix.normalize(posix.join(posix.dirname(file), target.from));
    const next = [base.replace(/\.js$/, ".ts"), `${base}/index.ts`].find((p) => existsSync(join(srcDir, p)));
    if (next === undefined) throw new Error(`cannot resolve ${target.from} from ${file}`);
    resolve(next, target.name, depth + 1);
  };
  for (const barrel of barrels) for (const name of reExports(readFileSync(join(srcDir, barrel), "utf8")).keys()) resolve(barrel, name, 0);
  for (const [file, names] of out) out.set(file, [...new Set(names)]);
  return out;
}
