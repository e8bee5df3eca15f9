import type fc from "fast-check";

/** What a claim asserts of itself: a `theorem` should pass, a `false` claim should be refuted. */
export type ClaimTag = "theorem" | "false";

/**
 * The arbitraries of a claim: a tuple, one arbitrary per predicate argument
 * (`[arbProblem(), lrArb]`), or a record of named arbitraries (`{ net: arbNetwork(),
 * data: arbDataset(1, 1) }`), in which case the predicate takes one object with those
 * keys and the counterexample JSON uses the same names.
 */
export type ClaimArbitraries<Ts extends unknown[]> =
  | { readonly [K in keyof Ts]: fc.Arbitrary<Ts[K]> }
  | (Ts extends [infer R] ? (R extends Record<string, unknown> ? { readonly [K in keyof R]: fc.Arbitrary<R[K]> } : never) : never);

/**
 * What a claim's predicate returns: `false` refutes; `true` or nothing (a predicate that
 * asserts instead of answering) passes. The same as fast-check's own predicates.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: `void` admits predicates written as statements, as fast-check's property predicates do.
export type PredicateResult = boolean | void;

/**
 * A claim about networks, data, trajectories or counts, stated as a predicate over
 * values drawn from fast-check arbitraries (one argument per arbitrary, or one object of
 * named values).
 *
 * The predicate refutes the claim by returning `false`, and may be async. `fc.pre(...)`
 * inside it discards a draw. A predicate that throws has a bug, not a counterexample:
 * {@link checkClaim} reports the verdict `error`, unless the claim sets `refuteOnThrow`.
 */
// biome-ignore lint/suspicious/noExplicitAny: the default stands for "some argument tuple", so that claims over different arguments share one list; `unknown[]` would reject them, the predicate taking its arguments contravariantly.
export interface Claim<Ts extends unknown[] = any[]> {
  /** A short identifier, used by `relutopo check --claim NAME`. */
  readonly name: string;
  /** The claim in words. */
  readonly statement: string;
  readonly tag: ClaimTag;
  /** One arbitrary per predicate argument, or a record of named arbitraries (see {@link ClaimArbitraries}). */
  readonly arbitraries: ClaimArbitraries<Ts>;
  readonly predicate: (...args: Ts) => PredicateResult | Promise<PredicateResult>;
  /**
   * Optional, with tuple arbitraries: one name per argument, the keys of the default
   * counterexample JSON (instead of `net`/`data` by type or `arg<i>`).
   */
  readonly argNames?: readonly string[];
  /**
   * Optional, default false: a throw inside the predicate counts as a refutation (for a
   * claim stated through a function that throws when the claim fails, such as an
   * `assertX` twin). Otherwise a throw gives the verdict `error`.
   */
  readonly refuteOnThrow?: boolean;
  /**
   * Optional: the counterexample as JSON for reports, e.g. `{net, data, lr}` with the
   * network as a file other commands read. By default the values are serialised by
   * {@link counterexampleJson}.
   */
  readonly witness?: (...args: Ts) => Record<string, unknown>;
}

/** A claim written with a record of named arbitraries, as {@link defineClaim} takes it. */
export interface NamedArgsClaim<R extends Record<string, unknown>> extends Omit<Claim<[R]>, "arbitraries" | "argNames"> {
  readonly arbitraries: { readonly [K in keyof R]: fc.Arbitrary<R[K]> };
}

/**
 * Checks the shape of a claim and returns it, typed: `defineClaim({ name, statement,
 * tag, arbitraries: [arbProblem()], predicate: ({ net, data }) => … })` infers the
 * predicate's argument types from the arbitraries; with named arbitraries,
 * `defineClaim({ …, arbitraries: { net: arbNetwork(), lr: lrArb }, predicate: ({ net, lr }) => … })`.
 *
 * @param claim - the claim
 * @returns the same claim
 * @throws Error naming the field when the claim is malformed
 * @example defineClaim({ name: "n", statement: "s", tag: "theorem", arbitraries: { n: fc.nat() }, predicate: ({ n }) => n >= 0 }).name // returns "n"
 */
export function defineClaim<Ts extends unknown[]>(claim: Claim<Ts>): Claim<Ts>;
export function defineClaim<R extends Record<string, unknown>>(claim: NamedArgsClaim<R>): Claim<[R]>;
export function defineClaim(claim: object): Claim | Claim<[Record<string, unknown>]> {
  const problem = claimProblem(claim);
  if (problem !== undefined) throw new Error(`defineClaim: ${problem}`);
  return claim as Claim;
}

/** The fields of a {@link Claim}: any other is a typo (`property` for `predicate`) that would otherwise be ignored. */
const CLAIM_FIELDS = ["name", "statement", "tag", "arbitraries", "predicate", "argNames", "refuteOnThrow", "witness"];

/** Why a value is not a claim, or `undefined` when it is one. @internal */
export function claimProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return "a claim must be an object";
  const c = value as Record<string, unknown>;
  if (typeof c.name !== "string" || c.name.trim() === "" || /[\r\n]/.test(c.name))
    return `invalid claim name. Must be a non-empty one-line string. Value: \`${String(c.name)}\`.`;
  const unknown = Object.keys(c).find((k) => !CLAIM_FIELDS.includes(k));
  if (unknown !== undefined) return `invalid field \`${unknown}\` of claim \`${c.name}\`. Must be one of ${CLAIM_FIELDS.join(", ")}.`;
  if (typeof c.statement !== "string") return `invalid statement of claim \`${c.name}\`. Must be a string.`;
  if (c.tag !== "theorem" && c.tag !== "false")
    return `invalid tag of claim \`${c.name}\`. Must be theorem or false. Value: \`${String(c.tag)}\`.`;
  const arbs = c.arbitraries;
  const named = isNamedArbitraries(arbs);
  const list = Array.isArray(arbs) ? (arbs as unknown[]) : named ? Object.values(arbs as object) : [];
  if (list.length === 0 || !list.every(isArbitrary)) {
    return `invalid arbitraries of claim \`${c.name}\`. Must be a non-empty array or record of fast-check arbitraries.`;
  }
  if (typeof c.predicate !== "function") return `invalid predicate of claim \`${c.name}\`. Must be a function.`;
  if (c.argNames !== undefined) {
    const names = c.argNames;
    const ok =
      !named &&
      Array.isArray(names) &&
      names.length === list.length &&
      names.every((n) => typeof n === "string" && n !== "") &&
      new Set(names).size === names.length;
    if (!ok)
      return `invalid argNames of claim \`${c.name}\`. Must be distinct non-empty strings, one per arbitrary of the array (records name their own). Value: \`${JSON.stringify(names)}\`.`;
  }
  if (c.refuteOnThrow !== undefined && typeof c.refuteOnThrow !== "boolean")
    return `invalid refuteOnThrow of claim \`${c.name}\`. Must be a boolean. Value: \`${String(c.refuteOnThrow)}\`.`;
  if (c.witness !== undefined && typeof c.witness !== "function") return `invalid witness of claim \`${c.name}\`. Must be a function.`;
  return undefined;
}

function isArbitrary(a: unknown): boolean {
  return (
    a !== null &&
    typeof a === "object" &&
    typeof (a as { generate?: unknown }).generate === "function" &&
    typeof (a as { shrink?: unknown }).shrink === "function"
  );
}

/** @internal True for the record form of {@link ClaimArbitraries} (named arbitraries). */
export function isNamedArbitraries(arbitraries: unknown): arbitraries is Record<string, fc.Arbitrary<unknown>> {
  return arbitraries !== null && typeof arbitraries === "object" && !Array.isArray(arbitraries) && !isArbitrary(arbitraries);
}

/** True when `value` has the shape of a {@link Claim}. */
export function isClaim(value: unknown): value is Claim {
  return claimProblem(value) === undefined;
}
