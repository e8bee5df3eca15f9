/**
 * Second step of `npm run build` (after tsc): bundles the `relutopo` command into dist/cli/.
 * Node resolves, reads, compiles and links each module file on its own, and resolves every
 * import between them once per importing file: the fewer files a command loads, the sooner it
 * starts. tsc's per-module output stays in dist/ for the library (`import "relutopo"`) and for
 * the worker threads, which load their modules on their own.
 *
 * Two bundles, chosen by the first word of the command line in dist/cli/main.js (a few lines):
 * - `relutopo flow` (the command whose whole run users time) runs from flow.js, a bundle of the
 *   program in which flow is the only command: its action and everything the action needs are one
 *   chunk besides a few shared ones (about 10 files, where the general bundle's chunks split that
 *   code into about 60, by which other commands share each part).
 * - Every other command line runs from cli.js and chunks beside it (dist/cli/chunk-*.js). Each
 *   `await import()` of the source stays a chunk of its own, loaded only when a command needs it,
 *   so `--version` still loads little.
 * A process loads one of the two bundles, never both, so every module with state (InputError,
 * the network read options, the input limits) exists once in it.
 *
 * The bundles and tsc's modules never meet in one thread: nothing bundled imports a file of
 * dist/ (checked below), so InputError and the other stateful modules exist once.
 *
 * Paths taken relative to a module (`new URL("../../data/x.csv", import.meta.url)`, a
 * worker file beside it) must resolve as they do from tsc's output: in every bundled
 * module, `import.meta.url` is replaced by the URL of its tsc-built twin, computed from
 * the bundle's own (every output sits in dist/cli/, so the relative path is fixed). The entry
 * point's becomes that of dist/cli/main.js, the file the process was started with: it checks
 * that it is the process's main script.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type BuildOptions, build, type Plugin } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const src = join(root, "src");
const ENTRY = join(src, "cli", "main.ts");
const out = join(root, "dist", "cli");

/**
 * npm packages the bundle leaves to Node: fast-check is the copy a user's claim file shares,
 * tinypool starts a worker file of its own beside it, tsx and vega are loaded (large) only by
 * the commands that need them. Packages loaded through `createRequire` (zod for the network
 * reader, csv-parse, cli-progress, decimal.js on its first use) stay outside by themselves. The
 * rest (commander, fraction.js, lossless-json, csv-stringify, zod's ES module; all MIT) is bundled.
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
      if (!text.includes("import.meta.url")) return { contents: text, loader: "ts" };
      // the entry point's URL is the one of dist/cli/main.js, the script the process runs: it checks it is the process's main script
      const twin = args.path === ENTRY ? "./main.js" : relative(out, join(root, "dist", relative(src, args.path))).replace(/\.ts$/, ".js");
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

/** The commands that run from a bundle of their own, in which each is the only command (see the top of this file). */
const ALONE = ["flow"] as const;

/**
 * Makes the registry of commands (src/cli/commands/index.ts) hold `name` alone: the bundle of a
 * command on its own then holds that command's code and nothing of the others'.
 */
function onlyCommand(name: string): Plugin {
  const registry = join(src, "cli", "commands", "index.ts");
  const register = `register${name[0]!.toUpperCase()}${name.slice(1)}`;
  return {
    name: `only-${name}`,
    setup(b) {
      b.onLoad({ filter: /[\\/]cli[\\/]commands[\\/]index\.ts$/ }, async (args) => {
        if (args.path !== registry) return undefined;
        const text = await readFile(args.path, "utf8");
        if (!text.includes(`${name}: ${register},`)) throw new Error(`${registry}: no \`${name}: ${register}\` to keep alone`);
        const contents = `import { ${register} } from "./${name}.js";\nexport const COMMANDS = { ${name}: ${register} };\n`;
        return { contents, loader: "ts", resolveDir: dirname(registry) };
      });
    },
  };
}

/**
 * dist/cli/main.js: picks the bundle by the first word of the command line, as `main` picks the one
 * command it registers, and loads nothing else (a dynamic import: a static one would load both).
 * It exports what the entry point exports (`main`, the exit codes), from the bundle it loaded.
 */
function dispatcher(exports: readonly string[]): string {
  const alone = JSON.stringify(Object.fromEntries(ALONE.map((c) => [c, `./${c}.js`])));
  return [
    "#!/usr/bin/env node",
    `// Made by scripts/bundleCli.ts: ${ALONE.map((c) => `\`relutopo ${c}\``).join(", ")} from a bundle of its own (fewer files to load), every other command line from cli.js.`,
    `const alone = ${alone};`,
    'const bundle = await import(Object.hasOwn(alone, process.argv[2] ?? "") ? alone[process.argv[2]] : "./cli.js");',
    `export const { ${exports.join(", ")} } = bundle;`,
    "",
  ].join("\n");
}

mkdirSync(out, { recursive: true });
for (const f of readdirSync(out)) if (/^(chunk|[a-z]+-chunk)-.*\.js$/.test(f)) rmSync(join(out, f));

const common: BuildOptions = {
  outdir: out,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: EXTERNAL,
  banner: { js: REQUIRE },
  metafile: true,
  write: false,
  logLevel: "warning",
  absWorkingDir: root,
};
const results = await Promise.all([
  build({ ...common, entryPoints: { cli: ENTRY }, chunkNames: "chunk-[hash]", plugins: [twinUrls, lazyChildProcess] }),
  ...ALONE.map((name) =>
    build({
      ...common,
      entryPoints: { [name]: ENTRY },
      chunkNames: `${name}-chunk-[hash]`,
      plugins: [onlyCommand(name), twinUrls, lazyChildProcess],
    }),
  ),
]);

let modules = 0;
let files = 1;
for (const result of results) {
  for (const file of result.outputFiles ?? []) {
    const code = file.text.replace(`${REQUIRE}\n`, "");
    writeFileSync(file.path, /\brequire\b/.test(code) ? file.text : code);
  }
  const { inputs, outputs } = result.metafile!;
  // Nothing bundled may import tsc's output: its modules would be second copies.
  for (const [file, output] of Object.entries(outputs)) {
    for (const imp of output.imports) {
      if (imp.external && (imp.path.startsWith(".") || imp.path.startsWith("/")))
        throw new Error(`${file} imports ${imp.path} outside the bundle`);
    }
  }
  modules = Math.max(modules, Object.keys(inputs).length);
  files += Object.keys(outputs).length;
}
// every bundle has the one entry point, so the same exports
const entry = Object.values(results[0]!.metafile!.outputs).find((o) => o.entryPoint === relative(root, ENTRY));
if (entry === undefined) throw new Error("no entry point in the bundle of cli.js");
writeFileSync(join(out, "main.js"), dispatcher(entry.exports));
console.log(
  `bundled ${modules} modules into ${files} files in ${relative(root, out)}/ (${ALONE.join(", ")} on ${ALONE.length === 1 ? "its" : "their"} own)`,
);
