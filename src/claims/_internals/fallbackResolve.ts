/**
 * Module-resolution hooks (node:module `register`) for user claim files: when a bare
 * specifier such as `relutopo` or `fast-check` cannot be resolved from where the user's
 * file lives (a claim file outside any project), fall back to this package's own copy,
 * so that the file's arbitraries and ours are the same fast-check.
 *
 * @internal
 */
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

/** Default resolution first; the fallback only for the listed bare specifiers that failed. */
export async function resolve(specifier: string, context: unknown, nextResolve: (s: string, c: unknown) => Promise<ResolveResult>): Promise<ResolveResult> {
  try {
    return await nextResolve(specifier, context);
  } catch (err) {
    const url = Object.hasOwn(targets, specifier) ? targets[specifier] : undefined;
    if (url !== undefined && (err as { code?: string }).code === "ERR_MODULE_NOT_FOUND") return { url, format: "module", shortCircuit: true };
    throw err;
  }
}
