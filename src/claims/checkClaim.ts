import fc from "fast-check";
import { at } from "../scalar/at.js";
import type { Claim, ClaimTag, PredicateResult } from "./claim.js";
import { ConvergenceError } from "../errors.js";
import { caseBudget } from "./_internals/caseBudget.js";
import { claimProblem } from "./_internals/claimProblem.js";
import { arbitrariesOf, propertyOf } from "./_internals/propertyOf.js";
import { copyArgs } from "./_internals/copyArgs.js";
import { describeReturn } from "./_internals/describeReturn.js";
import { counterexampleJson } from "./counterexampleJson.js";

/** Options of {@link checkClaim}. */
export interface CheckClaimOptions {
  /** Number of random cases (default 100). */
  runs?: number;
  /** fast-check seed (default 1): the same seed gives the same cases and the same counterexample. */
  seed?: number;
  /** Replay path of a counterexample (from a refuted verdict): runs that case only. */
  path?: string;
  /**
   * A cap in seconds on this claim's running time (default none): after a second, the cases
   * run so far project the total, and a projection past the cap stops the claim with a
   * ConvergenceError (field `maxSeconds`) instead of running on.
   */
  maxSeconds?: number;
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
  /** With `path`: the path of the one case that was run (nothing searched, nothing shrunk). */
  replayed?: string;
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

/**
 * The claim could not be judged: its predicate threw (a bug in the claim, not a
 * counterexample; unless the claim sets `refuteOnThrow`), or no case could run (every
 * draw discarded by `fc.pre`, an arbitrary that threw).
 */
export interface ClaimErrored<Ts extends unknown[] = unknown[]> extends VerdictCommon {
  verdict: "error";
  /** What went wrong: the predicate's error (`the predicate threw TypeError: …`), or why nothing ran. */
  reason: string;
  /** When the predicate threw: the shrunk case it throws on. */
  counterexample?: Ts;
  /** That case as JSON. */
  witness?: Record<string, unknown>;
  /** With the seed, replays the throwing case. */
  path?: string;
  shrinks?: number;
}

/** The result of {@link checkClaim}: a verdict, never a throw. */
export type ClaimVerdict<Ts extends unknown[] = unknown[]> = ClaimPassed | ClaimRefuted<Ts> | ClaimErrored<Ts>;

/** @internal Defaults filled in one place; throws an Error naming the API on nonsense. */
function checkDefaults(options: CheckClaimOptions): { runs: number; seed: number; path: string | undefined } {
  const runs = options.runs ?? 100;
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`checkClaim: invalid runs. Must be a positive integer. Value: \`${runs}\`.`);
  if (!Number.isSafeInteger(seed) || seed < -(2 ** 31) || seed >= 2 ** 31)
    throw new Error(`checkClaim: invalid seed. Must be a 32-bit integer. Value: \`${seed}\`.`);
  if (options.path !== undefined && !/^\d+(:\d+)*$/.test(options.path))
    throw new Error(`checkClaim: invalid path. Must be numbers separated by colons. Value: \`${options.path}\`.`);
  return { runs, seed, path: options.path };
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return at(text.split("\n"), 0).trim();
}

/** An error as `Name: message` (the class tells a library misuse from a failed assertion). */
function describeThrow(err: unknown): string {
  const name = err instanceof Error && err.name !== "Error" ? `${err.name}: ` : "";
  return `the predicate threw ${name}${firstLine(err)}`;
}

/** A predicate's return that is none of true, false and undefined: an error in the claim, named. */
class BadReturn extends Error {}

/** How the first failure of a run failed: shrinking follows only cases that fail the same way. */
type FailureKind = "threw" | "false" | "returned";

/**
 * The predicate as checkClaim runs it. fast-check shrinks any failure, a throw, a `false` or
 * a return that is not a boolean alike; so that the verdict says which one happened, the
 * first failure fixes the kind and shrinking follows only cases that fail the same way (a
 * case that fails another way counts as passing while shrinking). With `refuteOnThrow`, a
 * throw and a `false` are both refutations. A return other than true, false or undefined
 * (a number, "true", null, an object, a promise of one) is never a verdict on the claim.
 */
function judgedPredicate<Ts extends unknown[]>(
  claim: Claim<Ts>,
  budget: ((done: number) => void) | undefined,
): {
  predicate: (...args: Ts) => Promise<PredicateResult>;
  kind: () => FailureKind | undefined;
  stopped: () => ConvergenceError | undefined;
} {
  let kind: FailureKind | undefined;
  let done = 0;
  let stopped: ConvergenceError | undefined;
  /** True when a failure of kind k is the run's kind (the first failure fixes it). */
  const fails = (k: FailureKind): boolean => {
    kind ??= k;
    return kind === k;
  };
  const predicate = async (...args: Ts): Promise<PredicateResult> => {
    // Over the cap: the first call past it fails (so fast-check ends its run), every later one
    // (the shrinking of that failure) passes at once; checkClaim then throws the stop.
    if (stopped !== undefined) return true;
    try {
      budget?.(done);
    } catch (err) {
      if (!(err instanceof ConvergenceError)) throw err;
      stopped = err;
      throw err;
    }
    done++;
    let out: unknown;
    let promised = false;
    try {
      const raw: unknown = claim.predicate(...args);
      promised = raw instanceof Promise;
      out = await raw;
    } catch (err) {
      if (fc.PreconditionFailure.isFailure(err)) throw err;
      if (claim.refuteOnThrow === true) {
        if (fails("false")) throw err;
        return true;
      }
      if (fails("threw")) throw err;
      return true;
    }
    if (out !== true && out !== false && out !== undefined) {
      if (fails("returned")) throw new BadReturn(`the predicate returned ${describeReturn(out, promised)}, not true, false or undefined`);
      return true;
    }
    if (out !== false) return out;
    return !fails("false");
  };
  return { predicate, kind: () => kind, stopped: () => stopped };
}

/** The JSON of a counterexample: the claim's own witness, else the default (named by the record keys or `argNames`). */
function witnessOf<Ts extends unknown[]>(claim: Claim<Ts>, ce: Ts): Record<string, unknown> {
  const fallback = (): Record<string, unknown> => counterexampleJson(ce, claim.argNames);
  if (claim.witness === undefined) return fallback();
  try {
    const witness = claim.witness(...copyArgs(ce));
    // Printed and saved as JSON: a witness that is not (a bigint, a cycle) fails like one that throws.
    JSON.stringify(witness);
    return witness;
  } catch (err) {
    return { ...fallback(), witnessError: firstLine(err) };
  }
}

/**
 * Searches for a counterexample to a claim with fast-check: `runs` random cases from
 * `seed`; on failure, shrinks it (smaller nets, fewer points, simpler rationals) and
 * returns it with its JSON witness, seed and replay path. A predicate that throws is
 * judged `error` (shrunk to a small throwing case, with its path), never `refuted`,
 * unless the claim sets `refuteOnThrow`.
 *
 * @param claim - the claim
 * @param options - runs, seed, and a path to replay one case
 * @returns a verdict (`pass`, `refuted` or `error`), never a throw
 * @throws Error only for a malformed claim or options (programming errors); ConvergenceError when the
 *   cases run past `maxSeconds` at run time
 * @example (await checkClaim(gdConservesC, { runs: 50, seed: 1 })).verdict // returns "refuted"
 */
export async function checkClaim<Ts extends unknown[]>(claim: Claim<Ts>, options: CheckClaimOptions = {}): Promise<ClaimVerdict<Ts>> {
  const problem = claimProblem(claim);
  if (problem !== undefined) throw new Error(`checkClaim: ${problem}`);
  const { runs, seed, path } = checkDefaults(options);
  const budget = options.maxSeconds === undefined ? undefined : caseBudget(claim.name, runs, options.maxSeconds);
  const common = { name: claim.name, statement: claim.statement, tag: claim.tag, seed };
  if (path !== undefined) return replay(claim, seed, path, common);
  const judged = judgedPredicate(claim, budget);
  let details: fc.RunDetails<Ts>;
  try {
    details = await fc.check(propertyOf(claim, judged.predicate), {
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
  } catch (err) {
    // an arbitrary that throws while drawing: fast-check lets it out of check
    return { ...common, runs: 0, skipped: 0, verdict: "error", asTagged: false, reason: `the arbitraries threw ${firstLine(err)}` };
  }
  const stop = judged.stopped();
  if (stop !== undefined) throw stop;
  const counts = { ...common, runs: details.numRuns, skipped: details.numSkips };
  if (!details.failed) return { ...counts, verdict: "pass", asTagged: claim.tag === "theorem" };
  const ce = details.counterexample;
  if (ce === null || details.counterexamplePath === null) {
    return {
      ...counts,
      verdict: "error",
      asTagged: false,
      reason: firstLine(details.errorInstance ?? "the check was interrupted (too many discarded draws?)"),
    };
  }
  const found = { counterexample: ce, witness: witnessOf(claim, ce), path: details.counterexamplePath, shrinks: details.numShrinks };
  if (judged.kind() === "threw")
    return { ...counts, verdict: "error", asTagged: false, ...found, reason: describeThrow(details.errorInstance) };
  if (judged.kind() === "returned")
    return { ...counts, verdict: "error", asTagged: false, ...found, reason: firstLine(details.errorInstance) };
  return {
    ...counts,
    verdict: "refuted",
    asTagged: claim.tag === "false",
    ...found,
    reason: firstLine(details.errorInstance ?? "the predicate returned false"),
  };
}

/**
 * Runs exactly the case at `path` of `seed` (fast-check's replay path: the run, then the shrink
 * steps), once: no search goes on after it and nothing is shrunk, so the verdict says whether
 * that case passes.
 */
async function replay<Ts extends unknown[]>(
  claim: Claim<Ts>,
  seed: number,
  path: string,
  common: { name: string; statement: string; tag: ClaimTag; seed: number },
): Promise<ClaimVerdict<Ts>> {
  let drawn: Ts | undefined;
  let fault = "";
  try {
    drawn = fc.sample(fc.tuple(...arbitrariesOf(claim)), { seed, path, numRuns: 1 })[0] as Ts | undefined;
  } catch (err) {
    fault = `: ${firstLine(err)}`;
  }
  if (drawn === undefined)
    return {
      ...common,
      runs: 0,
      skipped: 0,
      replayed: path,
      verdict: "error",
      asTagged: false,
      reason: `no case at path ${path} of seed ${seed}${fault}`,
    };
  const ce = drawn;
  const base = { ...common, runs: 1, skipped: 0, replayed: path };
  const judged = judgedPredicate(claim, undefined);
  const found = () => ({ counterexample: ce, witness: witnessOf(claim, ce), path, shrinks: 0 });
  let out: PredicateResult;
  try {
    out = await judged.predicate(...copyArgs(ce));
  } catch (err) {
    if (fc.PreconditionFailure.isFailure(err))
      return { ...base, runs: 0, skipped: 1, verdict: "error", asTagged: false, reason: "the case at this path is discarded by fc.pre" };
    if (judged.kind() === "false")
      return { ...base, verdict: "refuted", asTagged: claim.tag === "false", ...found(), reason: firstLine(err) };
    if (judged.kind() === "returned") return { ...base, verdict: "error", asTagged: false, ...found(), reason: firstLine(err) };
    return { ...base, verdict: "error", asTagged: false, ...found(), reason: describeThrow(err) };
  }
  if (out !== false) return { ...base, verdict: "pass", asTagged: claim.tag === "theorem" };
  return { ...base, verdict: "refuted", asTagged: claim.tag === "false", ...found(), reason: "the predicate returned false" };
}
