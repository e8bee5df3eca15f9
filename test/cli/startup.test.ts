import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const MAIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const DIST = new URL("../../dist/", import.meta.url).href;

/** A module hook, registered before main runs, that prints every module URL resolved. */
const HOOKS = `export async function resolve(specifier, context, next) { const r = await next(specifier, context); console.error("loaded " + r.url); return r; }`;
const REGISTER = `import { register } from "node:module"; register("data:text/javascript,${encodeURIComponent(HOOKS)}");`;

/** The files `node dist/cli/main.js ...args` loads, outside Node's own. */
function filesLoaded(args: string[]): string[] {
  const r = spawnSync(process.execPath, ["--import", `data:text/javascript,${encodeURIComponent(REGISTER)}`, MAIN, ...args], {
    encoding: "utf8",
  });
  expect(r.status).toBe(0);
  return [
    ...new Set(
      r.stderr
        .split("\n")
        .filter((l) => l.startsWith("loaded ") && !l.startsWith("loaded node:"))
        .map((l) => l.slice("loaded ".length)),
    ),
  ];
}

/** A file of the bundles (dist/cli/main.js, cli.js, flow.js and their chunks), not of tsc's per-module output. */
const BUNDLE_FILE = /^cli\/(main|cli|flow|(flow-)?chunk-[A-Z0-9]+)\.js$/;

/**
 * The source modules in the files loaded: a bundle file names each module it holds in a
 * comment line (`// src/net/dot.ts`, `// node_modules/commander/lib/command.js`; a chunk of
 * the bundler's own helpers names none); any other file is a module of its own.
 */
function modulesIn(files: string[]): string[] {
  return files.flatMap((url) =>
    url.startsWith(DIST) && BUNDLE_FILE.test(url.slice(DIST.length))
      ? (readFileSync(fileURLToPath(url), "utf8").match(/^\/\/ \S+\.[cm]?[jt]s$/gm) ?? []).map((m) => m.slice(3))
      : [url],
  );
}

const packageOf = (module: string): string | undefined => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module)?.[1];

describe("relutopo start-up", () => {
  it("should load no package but commander, and none of the computing layers, for --version and --help", () => {
    for (const args of [["--version"], ["--help"], ["flow", "--help"], ["inspect", "--help"], ["table", "probability", "--help"]]) {
      const loaded = modulesIn(filesLoaded(args));
      const packages = loaded.map(packageOf).filter((p) => p !== undefined);
      expect(new Set(packages), args.join(" ")).toEqual(new Set(["commander"]));
      // Only the command registrations and the few light modules their help text quotes.
      const ours = loaded.filter((m) => packageOf(m) === undefined);
      expect(ours.length, args.join(" ")).toBeGreaterThan(0);
      const light =
        /^src\/(cli\/(main|options|commands\/.*)|errors|scalar\/at|flow\/flowMethods|probability\/probabilityLimits|experiments\/reproduceConfig|report\/probabilityQuantities)\.ts$/;
      expect(
        ours.filter((m) => !light.test(m)),
        args.join(" "),
      ).toEqual([]);
    }
  });

  it("should load a command's own modules once it runs, from the bundle only", () => {
    const files = filesLoaded(["laws", "--widths", "1,1,1", "--json"]);
    const loaded = modulesIn(files);
    expect(loaded).toContain("src/cli/actions/lawsAction.ts");
    expect(loaded).toContain("src/laws/lawsReport.ts");
    // Never a module of tsc's per-module output beside the bundle: InputError and every other
    // module with state must exist once, or `instanceof` and shared settings break.
    const ours = files.filter((u) => u.startsWith(DIST)).map((u) => u.slice(DIST.length));
    expect(ours.filter((f) => !BUNDLE_FILE.test(f))).toEqual([]);
  });

  it("should run flow from its own bundle, in a few files, and every other command from the general one", () => {
    const flow = filesLoaded([
      "flow",
      "--net",
      "bench/flow/net.json",
      "--data",
      "bench/flow/data.csv",
      "--time",
      "1/1000",
      "--digits",
      "20",
    ]);
    const names = flow.filter((u) => u.startsWith(DIST)).map((u) => u.slice(DIST.length));
    expect(names.filter((f) => !/^cli\/(main|flow|flow-chunk-[A-Z0-9]+)\.js$/.test(f))).toEqual([]);
    expect(modulesIn(flow)).toContain("src/cli/actions/flowAction.ts");
    // the general bundle splits the same code into about 60 files, by which other commands share each part
    expect(names.length).toBeLessThanOrEqual(20);
    const laws = filesLoaded(["laws", "--widths", "1,1,1", "--json"]).filter((u) => u.startsWith(DIST));
    expect(laws.some((u) => u.endsWith("/cli/cli.js"))).toBe(true);
    expect(laws.filter((u) => /\/cli\/flow(-chunk-[A-Z0-9]+)?\.js$/.test(u))).toEqual([]);
  });
});
