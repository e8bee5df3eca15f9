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
   * {@link counterexampleJson}. A witness that throws, or that JSON cannot hold (a bigint,
   * a cycle), gives the default JSON with its error as `witnessError`.
   */
  readonly witness?: (...args: Ts) => Record<string, unknown>;
}

/** A claim written with a record of named arbitraries, as {@link defineClaim} takes it. */
export interface NamedArgsClaim<R extends Record<string, unknown>> extends Omit<Claim<[R]>, "arbitraries" | "argNames"> {
  readonly arbitraries: { readonly [K in keyof R]: fc.Arbitrary<R[K]> };
}
