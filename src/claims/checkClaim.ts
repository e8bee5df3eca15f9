import fc from "fast-check";
import type { Claim, ClaimTag } from "./claim.js";
import { claimProblem } from "./claim.js";
import { claimProperty } from "./claimProperty.js";
import { counterexampleJson } from "./counterexampleJson.js";

/** Options of {@link checkClaim}. */
export interface CheckClaimOptions {
  /** Number of random cases (default 100). */
  runs?: number;
  /** fast-check seed (default 1): the same seed gives the same cases and the same counterexample. */
  seed?: number;
  /** Replay path of a counterexample (from a refuted verdict): runs that case only. */
  path?: string;
}

interface VerdictCommon {
  name: string;
  statement: string;
  tag: ClaimTag;
  seed: number;
  /** Cases run: all of them on a pass; up to and including the first failure otherwise. */
  runs: number;
  /** Draws discarded by `fc.pre`. */
  skipped: number;
  /** True when the verdict is what the tag says: a theorem passed, or a false claim was refuted. */
  asTagged: boolean;
}

/** The claim held on every case. */
export interface ClaimPassed extends VerdictCommon {
  verdict: "pass";
}

/** A case on which the claim fails, shrunk, with what replays it. */
export interface ClaimRefuted<Ts extends unknown[] = unknown[]> extends VerdictCommon {
  verdict: "refuted";
  /** The shrunk counterexample: the predicate's arguments. */
  counterexample: Ts;
  /** The counterexample as JSON (`net` a network file, `data` CSV text, …). */
  witness: Record<string, unknown>;
  /** fast-check path: with the seed, replays exactly this case. */
  path: string;
  shrinks: number;
  /** Why the predicate failed: its error message, or that it returned false. */
  reason: string;
}

/** The check could not run (e.g. every draw was discarded by `fc.pre`); no counterexample. */
export interface ClaimErrored extends VerdictCommon {
  verdict: "error";
  reason: string;
}

/** The result of {@link checkClaim}: a verdict, never a throw. */
export type ClaimVerdict<Ts extends unknown[] = unknown[]> = ClaimPassed | ClaimRefuted<Ts> | ClaimErrored;

/** @internal Defaults filled in one place; throws an Error naming the API on nonsense. */
export function checkDefaults(options: CheckClaimOptions): { runs: number; seed: number; path: string | undefined } {
  const runs = options.runs ?? 100;
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`checkClaim: invalid runs. Must be a positive integer. Value: \`${runs}\`.`);
  if (!Number.isSafeInteger(seed) || seed < -(2 ** 31) || seed >= 2 ** 31) throw new Error(`checkClaim: invalid seed. Must be a 32-bit integer. Value: \`${seed}\`.`);
  if (options.path !== undefined && !/^\d+(:\d+)*$/.test(options.path)) throw new Error(`checkClaim: invalid path. Must be numbers separated by colons. Value: \`${options.path}\`.`);
  return { runs, seed, path: options.path };
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split("\n")[0]!.trim();
}

/**
 * Searches for a counterexample to a claim with fast-check: `runs` random cases from
 * `seed`; on failure, shrinks it (smaller nets, fewer points, simpler rationals) and
 * returns it with its JSON witness, seed and replay path.
 *
 * @param claim - the claim
 * @param options - runs, seed, and a path to replay one case
 * @returns a verdict (`pass`, `refuted` or `error`), never a throw
 * @throws Error only for a malformed claim or options (programming errors)
 * @example (await checkClaim(gdConservesC, { runs: 50, seed: 1 })).verdict // returns "refuted"
 */
export async function checkClaim<Ts extends unknown[]>(claim: Claim<Ts>, options: CheckClaimOptions = {}): Promise<ClaimVerdict<Ts>> {
  const problem = claimProblem(claim);
  if (problem !== undefined) throw new Error(`checkClaim: ${problem}`);
  const { runs, seed, path } = checkDefaults(options);
  const details = await fc.check(claimProperty(claim), {
    numRuns: runs,
    seed,
    path,
    endOnFailure: false,
    verbose: 0,
    timeout: undefined,
    interruptAfterTimeLimit: undefined,
    skipAllAfterTimeLimit: undefined,
    markInterruptAsFailure: false,
  });
  const common = { name: claim.name, statement: claim.statement, tag: claim.tag, seed, runs: details.numRuns, skipped: details.numSkips };
  if (!details.failed) return { ...common, verdict: "pass", asTagged: claim.tag === "theorem" };
  const ce = details.counterexample;
  if (ce === null || details.counterexamplePath === null) {
    return { ...common, verdict: "error", asTagged: false, reason: firstLine(details.errorInstance ?? "the check was interrupted (too many discarded draws?)") };
  }
  let witness: Record<string, unknown>;
  try {
    witness = claim.witness ? claim.witness(...ce) : counterexampleJson(ce);
  } catch (err) {
    witness = { ...counterexampleJson(ce), witnessError: firstLine(err) };
  }
  return {
    ...common,
    verdict: "refuted",
    asTagged: claim.tag === "false",
    counterexample: ce,
    witness,
    path: details.counterexamplePath,
    shrinks: details.numShrinks,
    reason: firstLine(details.errorInstance ?? "the predicate returned false"),
  };
}
