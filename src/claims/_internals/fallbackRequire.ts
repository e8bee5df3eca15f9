import Module from "node:module";

interface ResolvableModule {
  _resolveFilename: (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
}

let installed = false;

/**
 * The CommonJS twin of the `fallbackResolve` hooks: a claim file that Node runs as
 * CommonJS (a `.ts` inside a `"type": "commonjs"` package, which tsx compiles to
 * `require` calls) resolves `relutopo` and `fast-check` to this package's copies when its
 * own location has none. Module-resolution hooks do not see `require` on Node 20, so the
 * CommonJS resolver is wrapped instead; the targets are the ES module files, loaded by
 * `require(esm)`, so that the claim file and `checkClaim` share one fast-check.
 *
 * @param files - bare specifier → absolute file path
 * @internal
 */
export function installRequireFallback(files: Readonly<Record<string, string>>): void {
  if (installed) return;
  installed = true;
  const resolvable = Module as unknown as ResolvableModule;
  const original = resolvable._resolveFilename;
  resolvable._resolveFilename = function (this: unknown, request, parent, isMain, options) {
    try {
      return original.call(this, request, parent, isMain, options);
    } catch (err) {
      const file = Object.hasOwn(files, request) ? files[request] : undefined;
      if (file !== undefined && (err as { code?: string }).code === "MODULE_NOT_FOUND") return file;
      throw err;
    }
  };
}
