/**
 * Second step of `npm run build` (after tsc): bundles the `relutopo` command into
 * dist/cli/main.js and chunks beside it (dist/cli/chunk-*.js). Node resolves, reads,
 * compiles and links each module file on its own: `relutopo flow` loads about a third as
 * many files as the modules tsc emits for it. Each `await import()` of the source stays a
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
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const src = join(root, "src");
const ENTRY = join(src, "cli", "main.ts");
const out = join(root, "dist", "cli");

/**
 * npm packages the bundle leaves to Node: fast-check is the copy a user's claim file shares,
 * tinypool starts a worker file of its own beside it, tsx and vega are loaded (large) only by
 * the commands that need them. Packages loaded through `createRequire` (zod for the network
 * reader, csv-parse, cli-progress) stay outside by themselves. The rest (commander,
 * decimal.js, fraction.js, lossless-json, csv-stringify, zod's ES module; all MIT) is bundled.
 */
const EXTERNAL = ["fast-check", "tinypool", "tsx", "vega", "vega-lite"];

/**
 * commander requires node:child_process when it loads, for sub-commands that are programs of
 * their own, which relutopo has none of: the bundle loads it on first use, which saves every
 * command a few milliseconds of start-up.
 */
const lazyChildProcess: Plugin = {
  name: "commander-lazy-child-process",
  setup(b) {
    b.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      const eager = "const childProcess = require('node:child_process');";
      if (!text.includes(eager)) throw new Error(`${args.path}: no \`${eager}\` to make lazy (a new commander?)`);
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: text.replace(eager, lazy), loader: "js" };
    });
  },
};

/** Gives every source module the `import.meta.url` of its twin in tsc's output (src/a/b.ts → dist/a/b.js). */
const twinUrls: Plugin = {
  name: "twin-import-meta-url",
  setup(b) {
    b.onLoad({ filter: /\/src\/.*\.ts$/ }, async (args) => {
      const text = await readFile(args.path, "utf8");
      const other = /import\.meta\.(dirname|filename)/.exec(text);
      if (other !== null) throw new Error(`${args.path}: import.meta.${other[1]} would name the bundle's file; use import.meta.url`);
      // the entry point's own URL is the bundle's (dist/cli/main.js): it checks it is the process's main script
      if (!text.includes("import.meta.url") || args.path === ENTRY) return { contents: text, loader: "ts" };
      const twin = relative(out, join(root, "dist", relative(src, args.path))).replace(/\.ts$/, ".js");
      return { contents: text.replaceAll("import.meta.url", `new URL(${JSON.stringify(twin)}, import.meta.url).href`), loader: "ts" };
    });
  },
};

/**
 * CommonJS packages in the bundle (commander) call require() for Node's own modules: the
 * files that name `require` get one of their own (each costs a fraction of a millisecond to
 * make, and most chunks have no use for it).
 */
const REQUIRE = 'import { createRequire as __bundleRequire } from "node:module";\nconst require = __bundleRequire(import.meta.url);';

mkdirSync(out, { recursive: true });
for (const f of readdirSync(out)) if (/^chunk-.*\.js$/.test(f)) rmSync(join(out, f));

const result = await build({
  entryPoints: { main: ENTRY },
  outdir: out,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  chunkNames: "chunk-[hash]",
  external: EXTERNAL,
  banner: { js: REQUIRE },
  plugins: [twinUrls, lazyChildProcess],
  metafile: true,
  write: false,
  logLevel: "warning",
  absWorkingDir: root,
});

for (const file of result.outputFiles) {
  const code = file.text.replace(`${REQUIRE}\n`, "");
  writeFileSync(file.path, /\brequire\b/.test(code) ? file.text : code);
}

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
