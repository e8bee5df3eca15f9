/**
 * Module-resolution hooks (node:module `register`) for user claim files:
 *
 * - when a bare specifier such as `relutopo` or `fast-check` cannot be resolved from where
 *   the user's file lives (a claim file outside any project), fall back to this package's
 *   own copy, so that the file's arbitraries and ours are the same fast-check;
 * - a `.ts` file outside any package that declares `"type"` is marked as an ES module.
 *   Node would otherwise take it for CommonJS (no `"type": "module"` in scope), tsx would
 *   compile its imports to `require` calls, and those bypass these hooks: the file could
 *   not import `relutopo` from a scratch directory.
 *
 * @internal
 */
import { fileURLToPath } from "node:url";
import { packageType } from "./packageType.js";

let targets: Record<string, string> = {};

/** Receives `{ targets: { specifier: url } }` from `register`. */
export function initialize(data: { targets: Record<string, string> }): void {
  targets = data.targets;
}

interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}

/** A `.ts`/`.tsx` file of the user (not a dependency) whose format nothing decided yet. */
function isUndecidedTypeScript(result: ResolveResult): boolean {
  if (result.format !== undefined && result.format !== null) return false;
  if (!result.url.startsWith("file:") || !/\.tsx?$/.test(new URL(result.url).pathname) || result.url.includes("/node_modules/"))
    return false;
  return packageType(fileURLToPath(result.url)) === undefined;
}

/** Default resolution first; the fallback only for the listed bare specifiers that failed. */
export async function resolve(
  specifier: string,
  context: unknown,
  nextResolve: (s: string, c: unknown) => Promise<ResolveResult>,
): Promise<ResolveResult> {
  let result: ResolveResult;
  try {
    result = await nextResolve(specifier, context);
  } catch (err) {
    const url = Object.hasOwn(targets, specifier) ? targets[specifier] : undefined;
    if (url !== undefined && (err as { code?: string }).code === "ERR_MODULE_NOT_FOUND")
      return { url, format: "module", shortCircuit: true };
    throw err;
  }
  return isUndecidedTypeScript(result) ? { ...result, format: "module" } : result;
}
