import { existsSync } from "node:fs";
import { createRequire, register } from "node:module";
import { extname, resolve as resolvePath } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { InputError } from "../errors.js";
import { installRequireFallback } from "./_internals/fallbackRequire.js";
import type { Claim } from "./claim.js";
import { claimsOf } from "./_internals/claimsOf.js";
import { packageType } from "./_internals/packageType.js";

/** Whether this is the compiled package (dist/), not the source run under a TypeScript loader. */
const COMPILED = existsSync(new URL("./_internals/fallbackResolve.js", import.meta.url));

let hooksRegistered: Promise<void> | undefined;

/**
 * Lets a claim file anywhere import `relutopo`, `fast-check` and `@fast-check/vitest` (this package's copies) when its own location has none, as an ES module or as CommonJS.
 * Loads relutopo first: once the hooks are registered, every module a thread loads passes
 * through them, which doubles the cost of loading the library.
 */
function registerFallbackResolution(): Promise<void> {
  hooksRegistered ??= (async () => {
    if (!COMPILED) return; // running from source under a TypeScript loader: nothing compiled to register
    const hooks = new URL("./_internals/fallbackResolve.js", import.meta.url);
    const targets: Record<string, string> = { relutopo: new URL("../index.js", import.meta.url).href };
    // @fast-check/vitest is a development dependency: present in a clone, maybe not in an install.
    for (const specifier of ["fast-check", "@fast-check/vitest"]) {
      try {
        targets[specifier] = import.meta.resolve(specifier);
      } catch {
        // not installed beside relutopo: the claim file must bring its own
      }
    }
    await import(targets.relutopo!);
    register(hooks.href, { data: { targets } });
    installRequireFallback(Object.fromEntries(Object.entries(targets).map(([k, url]) => [k, fileURLToPath(url)])));
  })();
  return hooksRegistered;
}

let typeScriptRegistered: Promise<void> | undefined;

/**
 * Registers tsx for the rest of the thread, for ES modules and CommonJS (from source, the
 * TypeScript loader that runs it compiles the file). Not tsx's
 * `tsImport`: its files import under a namespace of their own, so a claim file would get a
 * second copy of relutopo and fast-check (other classes, loaded again at twice the cost).
 */
function registerTypeScript(): Promise<void> {
  if (!COMPILED) return Promise.resolve();
  typeScriptRegistered ??= Promise.all([import("tsx/esm/api"), import("tsx/cjs/api")]).then(([esm, cjs]) => {
    esm.register();
    cjs.register();
  });
  return typeScriptRegistered;
}

/**
 * The claims a user module exports: its default export (a claim or an array of claims),
 * a `claims` array, and every other named export that is a claim, in that order, each once.
 * An export that looks like a claim (an object with a `tag`, `statement`, `arbitraries`,
 * `predicate` or `property` key, or an array holding one) but is not a valid one makes the
 * whole module bad input; other exports (helpers, constants, arithmetics) are ignored.
 * `.ts`/`.mts`/`.cts` files are compiled on the fly by tsx, which stays registered in the
 * calling thread; `.js`/`.mjs` load directly. A module loads once per thread, as `import` does.
 * The file may sit in any directory: `relutopo`, `fast-check` and `@fast-check/vitest`
 * resolve to relutopo's own copies when its location has none.
 *
 * @param path - the module file, relative to the working directory
 * @returns the claims, in the order above
 * @throws InputError when the file is missing, has another extension, fails to load, exports no claim, an invalid one (the message names the export and what is wrong), or two with one name
 * @example (await loadClaims("examples/my-claims.ts")).map((c) => c.name).sort() // returns ["half-step-quarter-drift", "my-gd-keeps-c"]
 */
export async function loadClaims(path: string): Promise<Claim[]> {
  const file = resolvePath(path);
  const ext = extname(file);
  if (![".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"].includes(ext)) {
    throw new InputError({ field: "claim file", expected: "a .ts, .mts, .js or .mjs module", value: path });
  }
  if (!existsSync(file))
    throw new InputError({ field: "claim file", expected: "an existing file", value: path, note: "It does not exist (ENOENT)." });
  await registerFallbackResolution();
  if (ext === ".ts" || ext === ".mts" || ext === ".cts") await registerTypeScript();
  let mod: Record<string, unknown>;
  try {
    // TypeScript compiled as CommonJS is required: imported, its named exports would hide in `default`.
    const required = COMPILED && (ext === ".cts" || (ext === ".ts" && packageType(file) === "commonjs"));
    mod = (required ? createRequire(import.meta.url)(file) : await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    // One line; a heading that ends with a colon (tsx: "Transform failed with 1 error:") takes the line it announces.
    const lines = (err instanceof Error ? err.message : String(err)).split("\n").filter((l) => l.trim() !== "");
    const text = lines[0]?.endsWith(":") && lines[1] !== undefined ? `${lines[0]} ${lines[1].trim()}` : (lines[0] ?? "");
    throw new InputError({ field: "claim file", expected: "a module that loads", value: path, note: `It failed to load: ${text}` });
  }
  return claimsOf(mod, path);
}
