/**
 * Second step of `npm run build` (after tsc): bundles the `relutopo` command into
 * dist/cli/main.js and chunks beside it (dist/cli/chunk-*.js). One file per command
 * loads faster than the ~170 modules tsc emits for `relutopo flow`: Node resolves,
 * reads and links each module on its own. Each `await import()` of the source stays a
 * chunk of its own, loaded only when a command needs it, so `--version` still loads
 * little. tsc's per-module output stays in dist/ for the library (`import "relutopo"`)
 * and for the worker threads, which load their modules on their own.
 *
 * The bundle and tsc's modules never meet in one thread: nothing bundled imports a file of
 * dist/ (checked below), so InputError and the other stateful modules exist once.
 *
 * Paths taken relative to a module (`new URL("../../data/x.csv", import.meta.url)`, a
 * worker file beside it) must resolve as they do from tsc's output: in every bundled
 * module, `import.meta.url` is replaced by the URL of its tsc-built twin, computed from
 * the bundle's own (every output sits in dist/cli/, so the relative path is fixed).
 */
import { readdirSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const src = join(root, "src");
const out = join(root, "dist", "cli");

/** npm packages the bundle leaves to Node: each is loaded only by the command that needs it, or loads files of its own beside it. */
const EXTERNAL = ["algebrite", "cli-progress", "csv-parse", "csv-stringify", "fast-check", "tinypool", "tsx", "vega", "vega-lite", "zod"];

/** Gives every source module the `import.meta.url` of its twin in tsc's output (src/a/b.ts → dist/a/b.js). */
const twinUrls: Plugin = {
  name: "twin-import-meta-url",
  setup(b) {
    b.onLoad({ filter: /\/src\/.*\.ts$/ }, async (args) => {
      const { readFile } = await import("node:fs/promises");
      const text = await readFile(args.path, "utf8");
      if (!text.includes("import.meta.url")) return { contents: text, loader: "ts" };
      const twin = relative(out, join(root, "dist", relative(src, args.path))).replace(/\.ts$/, ".js");
      return { contents: text.replaceAll("import.meta.url", `new URL(${JSON.stringify(twin)}, import.meta.url).href`), loader: "ts" };
    });
  },
};

for (const f of readdirSync(out)) if (/^chunk-.*\.js$/.test(f)) rmSync(join(out, f));

const result = await build({
  entryPoints: { main: join(src, "cli", "main.ts") },
  outdir: out,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunk-[hash]",
  external: EXTERNAL,
  // CommonJS packages in the bundle (commander) call require() for Node's own modules.
  banner: { js: 'import { createRequire as __bundleRequire } from "node:module";\nconst require = __bundleRequire(import.meta.url);' },
  plugins: [twinUrls],
  metafile: true,
  logLevel: "warning",
  absWorkingDir: root,
});

// Nothing bundled may import tsc's output: its modules would be second copies.
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  for (const imp of output.imports) {
    if (imp.external && (imp.path.startsWith(".") || imp.path.startsWith("/")))
      throw new Error(`${file} imports ${imp.path} outside the bundle`);
  }
}
console.log(
  `bundled ${Object.keys(result.metafile.inputs).length} modules into ${Object.keys(result.metafile.outputs).length} files in ${relative(root, dirname(join(out, "main.js")))}/`,
);
