import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, posix, relative, sep } from "node:path";
import ts from "typescript";

/** One import edge between two files under src/, as paths relative to src/ with `/` separators. */
export interface ImportEdge {
  from: string;
  to: string;
}

/** The floors of the library, lowest first: a file may import from its own floor or a lower one. */
export const LAYERS: readonly (readonly string[])[] = [
  ["errors.ts", "io/", "table/", "scalar/", "work/"],
  ["net/"],
  ["invariants/", "flow/"],
  ["topology/", "symmetry/", "probability/", "laws/"],
  ["claims/", "experiments/", "runner/"],
  ["report/"],
  ["cli/"],
];

/** The root barrel: it may import anything, and nothing may import it. */
const ROOT_INDEX = "index.ts";

/** Every `.ts` file below `dir`, relative to `dir`, with `/` separators, sorted. */
export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".ts")) out.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir);
  return out;
}

/**
 * Every relative import of a file's text, resolved against its path: static
 * `import … from`, `export … from`, side-effect `import "…"` and dynamic
 * `import("…")`, found by TypeScript's own pre-processor so that imports in
 * comments and strings do not count. `.js` specifiers resolve to `.ts` sources
 * and a directory to its `index.ts`.
 */
export function relativeImports(file: string, text: string, exists: (path: string) => boolean): string[] {
  const specifiers = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
  const out: string[] = [];
  for (const spec of specifiers) {
    if (!spec.startsWith(".")) continue;
    const base = posix.normalize(posix.join(posix.dirname(file), spec));
    const candidates = [base.replace(/\.js$/, ".ts"), `${base}.ts`, `${base}/index.ts`, base];
    out.push(candidates.find(exists) ?? base.replace(/\.js$/, ".ts"));
  }
  return out;
}

/** The import graph of the tree at `srcDir`: one edge per (file, imported file). */
export function importGraph(srcDir: string): ImportEdge[] {
  const files = sourceFiles(srcDir);
  const known = new Set(files);
  const edges: ImportEdge[] = [];
  for (const from of files) {
    const text = readFileSync(join(srcDir, from), "utf8");
    for (const to of new Set(relativeImports(from, text, (p) => known.has(p)))) edges.push({ from, to });
  }
  return edges;
}

/** The floor of a path relative to src/ (0 lowest), or undefined when it belongs to none. */
export function layerOf(path: string): number | undefined {
  const floor = LAYERS.findIndex((names) => names.some((n) => (n.endsWith("/") ? path.startsWith(n) : path === n)));
  return floor < 0 ? undefined : floor;
}

/** The top-level folder of a path (`laws/` for `laws/_internals/modp.ts`), or the file name at the root. */
const unitOf = (path: string): string => (path.includes("/") ? `${path.slice(0, path.indexOf("/"))}/` : path);

/**
 * The edges that break the layer order, each printed `from -> to`: an import
 * from a higher floor, an import of the root barrel, an import of a file in no
 * floor, or an import of another layer's `_internals/`. The root `index.ts`
 * may import anything.
 */
export function layerViolations(edges: readonly ImportEdge[]): string[] {
  const out: string[] = [];
  for (const { from, to } of edges) {
    if (from === ROOT_INDEX) continue;
    const internal = to.includes("/_internals/");
    const lo = layerOf(from);
    const hi = layerOf(to);
    const broken = to === ROOT_INDEX || lo === undefined || hi === undefined || hi > lo || (internal && unitOf(from) !== unitOf(to));
    if (broken) out.push(`${from} -> ${to}`);
  }
  return out.sort();
}

/** The directory of the library's sources, beside this test's folder. */
export const SRC_DIR: string = join(dirname(new URL(import.meta.url).pathname), "..", "..", "src");
