import type { ClaimVerdict } from "../../claims/checkClaim.js";
import { OVERRUN_FACTOR } from "../../work/runTimeLimit.js";

/** How `relutopo check` runs the claims it selected: the options every claim shares. */
export interface CheckRunOptions {
  runs: number;
  seed: number;
  path: string | undefined;
  /** The run's cap in seconds, shared by the claims in turn. */
  capSeconds: number;
}

/**
 * Loads the claims of a module (or the built-in library when `file` is undefined) and
 * returns their names and a function that checks the named ones in turn. Each claim gets
 * what is left of the cap and stops (ConvergenceError, exit 3) when it projects past it.
 * The one body shared by the checking worker and the in-process fallback.
 *
 * @param file - the claim module, or undefined for the built-in library
 * @returns the names in the source's order, and the checker
 * @throws InputError when the module cannot be loaded (see loadClaims)
 * @internal
 */
export async function loadClaimSource(file: string | undefined): Promise<{
  names: string[];
  check: (
    names: readonly string[],
    options: CheckRunOptions,
    onStart: (name: string) => void,
    onVerdict: (verdict: ClaimVerdict) => void,
  ) => Promise<void>;
}> {
  // The claim library and fast-check load only when a check runs, not for every relutopo command.
  const [{ checkClaim }, claims] = await Promise.all([
    import("../../claims/checkClaim.js"),
    file === undefined
      ? import("../../claims/library/index.js").then((m) => m.BUILTIN_CLAIMS)
      : import("../../claims/loadClaims.js").then((m) => m.loadClaims(file)),
  ]);
  return {
    names: claims.map((c) => c.name),
    async check(names, options, onStart, onVerdict) {
      const start = performance.now();
      for (const name of names) {
        const claim = claims.find((c) => c.name === name);
        if (claim === undefined) throw new Error(`check: no claim named \`${name}\` in the source`);
        onStart(name);
        // Each claim's share: it stops once its projection passes twice the share, that is when the
        // whole run projects past twice the cap (elapsed + 2·share = 2·cap).
        const left = Math.max(1e-3, options.capSeconds - (performance.now() - start) / 1000 / OVERRUN_FACTOR);
        onVerdict(await checkClaim(claim, { runs: options.runs, seed: options.seed, path: options.path, maxSeconds: left }));
      }
    },
  };
}
