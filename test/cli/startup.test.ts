import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const MAIN = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const DIST = new URL("../../dist/", import.meta.url).href;

/** A module hook, registered before main runs, that prints every module URL resolved. */
const HOOKS = `export async function resolve(specifier, context, next) { const r = await next(specifier, context); console.error("loaded " + r.url); return r; }`;
const REGISTER = `import { register } from "node:module"; register("data:text/javascript,${encodeURIComponent(HOOKS)}");`;

/** The modules `node dist/cli/main.js ...args` loads, outside Node's own. */
function modulesLoaded(args: string[]): string[] {
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

describe("relutopo start-up", () => {
  it("should load no package but commander, and none of the computing layers, for --version and --help", () => {
    for (const args of [["--version"], ["--help"], ["flow", "--help"], ["inspect", "--help"], ["table", "probability", "--help"]]) {
      const loaded = modulesLoaded(args);
      const packages = loaded.filter((u) => u.includes("/node_modules/")).map((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)![1]);
      expect(new Set(packages), args.join(" ")).toEqual(new Set(["commander"]));
      // Only the command registrations and the few light modules their help text quotes.
      const ours = loaded.filter((u) => u.startsWith(DIST)).map((u) => u.slice(DIST.length));
      const light =
        /^(cli\/(main|options|commands\/.*)|errors|scalar\/at|flow\/flowMethods|probability\/probabilityLimits|experiments\/reproduceConfig|report\/probabilityQuantities)\.js$/;
      expect(
        ours.filter((m) => !light.test(m)),
        args.join(" "),
      ).toEqual([]);
    }
  });

  it("should load a command's own modules once it runs", () => {
    const loaded = modulesLoaded(["laws", "--widths", "1,1,1", "--json"]);
    expect(loaded.some((u) => u.endsWith("dist/cli/actions/lawsAction.js"))).toBe(true);
    expect(loaded.some((u) => u.endsWith("dist/laws/lawsReport.js"))).toBe(true);
  });
});
