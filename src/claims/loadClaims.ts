import { existsSync } from "node:fs";
import { register } from "node:module";
import { extname, resolve as resolvePath } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { InputError } from "../errors.js";
import { installRequireFallback } from "./_internals/fallbackRequire.js";
import { claimProblem, type Claim } from "./claim.js";

let hooksRegistered = false;

/** Lets a claim file anywhere import `relutopo`, `fast-check` and `@fast-check/vitest` (this package's copies) when its own location has none, as an ES module or as CommonJS. */
function registerFallbackResolution(): void {
  if (hooksRegistered) return;
  hooksRegistered = true;
  const hooks = new URL("./_internals/fallbackResolve.js", import.meta.url);
  if (!existsSync(hooks)) return; // running from source under a TypeScript loader: nothing compiled to register
  const targets: Record<string, string> = { relutopo: new URL("../index.js", import.meta.url).href };
  // @fast-check/vitest is a development dependency: present in a clone, maybe not in an install.
  for (const specifier of ["fast-check", "@fast-check/vitest"]) {
    try {
      targets[specifier] = import.meta.resolve(specifier);
    } catch {
      // not installed beside relutopo: the claim file must bring its own
    }
  }
  register(hooks.href, { data: { targets } });
  installRequireFallback(Object.fromEntries(Object.entries(targets).map(([k, url]) => [k, fileURLToPath(url)])));
}

/**
 * The claims a user module exports: its default export (a claim or an array of claims),
 * a `claims` array, and every other named export that is a claim, in that order, each once.
 * `.ts`/`.mts`/`.cts` files are compiled on the fly by tsx; `.js`/`.mjs` load directly.
 *
 * @param path - the module file, relative to the working directory
 * @throws InputError when the file is missing, has another extension, fails to load, exports no claim, a malformed one, or two with one name
 */
export async function loadClaims(path: string): Promise<Claim[]> {
  const file = resolvePath(path);
  const ext = extname(file);
  if (![".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"].includes(ext)) {
    throw new InputError(`invalid claim file. Must be a .ts, .mts, .js or .mjs module. Value: \`${path}\`.`);
  }
  if (!existsSync(file)) throw new InputError(`cannot read file \`${path}\` (ENOENT)`);
  registerFallbackResolution();
  const url = pathToFileURL(file).href;
  let mod: Record<string, unknown>;
  try {
    if (ext === ".ts" || ext === ".mts" || ext === ".cts") {
      const { tsImport } = await import("tsx/esm/api");
      mod = (await tsImport(url, import.meta.url)) as Record<string, unknown>;
    } else {
      mod = (await import(url)) as Record<string, unknown>;
    }
  } catch (err) {
    const text = (err instanceof Error ? err.message : String(err)).split("\n")[0];
    throw new InputError(`invalid claim file \`${path}\`: it failed to load: ${text}`);
  }
  return claimsOf(mod, path);
}

/** @internal The claims exported by a loaded module namespace. */
export function claimsOf(mod: Record<string, unknown>, path: string): Claim[] {
  const found: unknown[] = [];
  const take = (v: unknown, where: string, strict: boolean): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => take(x, `${where}[${i}]`, true));
      return;
    }
    const problem = claimProblem(v);
    if (problem === undefined) {
      if (!found.includes(v)) found.push(v);
    } else if (strict) throw new InputError(`invalid claim in \`${path}\` (${where}): ${problem}`);
  };
  if (mod.default !== undefined) take(mod.default, "default export", false);
  if (mod.claims !== undefined) take(mod.claims, "claims", true);
  for (const [key, v] of Object.entries(mod)) if (key !== "default" && key !== "claims") take(v, key, false);
  if (found.length === 0) throw new InputError(`invalid claim file \`${path}\`. Must export claims (a default export, a \`claims\` array or named claims). Value: no claim found.`);
  const names = new Set<string>();
  for (const c of found as Claim[]) {
    if (names.has(c.name)) throw new InputError(`invalid claim file \`${path}\`: two claims are named \`${c.name}\``);
    names.add(c.name);
  }
  return found as Claim[];
}
