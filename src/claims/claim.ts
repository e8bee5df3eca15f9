import type fc from "fast-check";

/** What a claim asserts of itself: a `theorem` should pass, a `false` claim should be refuted. */
export type ClaimTag = "theorem" | "false";

/**
 * A claim about networks, data, trajectories or counts, stated as a predicate over
 * values drawn from fast-check arbitraries (one argument per arbitrary).
 *
 * The predicate fails by returning `false` or throwing (fast-check's convention), and
 * may be async. `fc.pre(...)` inside it discards a draw.
 */
export interface Claim<Ts extends unknown[] = any[]> {
  /** A short identifier, used by `relutopo check --claim NAME`. */
  readonly name: string;
  /** The claim in words. */
  readonly statement: string;
  readonly tag: ClaimTag;
  /** One arbitrary per predicate argument. */
  readonly arbitraries: { readonly [K in keyof Ts]: fc.Arbitrary<Ts[K]> };
  readonly predicate: (...args: Ts) => boolean | void | Promise<boolean | void>;
  /**
   * Optional: the counterexample as JSON for reports, e.g. `{net, data, lr}` with the
   * network as a file other commands read. By default the values are serialised by
   * {@link counterexampleJson}.
   */
  readonly witness?: (...args: Ts) => Record<string, unknown>;
}

/**
 * Checks the shape of a claim and returns it, typed: `defineClaim({ name, statement,
 * tag, arbitraries: [arbProblem()], predicate: ({ net, data }) => … })` infers the
 * predicate's argument types from the arbitraries.
 *
 * @throws Error naming the field when the claim is malformed
 */
export function defineClaim<Ts extends unknown[]>(claim: Claim<Ts>): Claim<Ts> {
  const problem = claimProblem(claim);
  if (problem !== undefined) throw new Error(`defineClaim: ${problem}`);
  return claim;
}

/** Why a value is not a claim, or `undefined` when it is one. @internal */
export function claimProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== "object") return "a claim must be an object";
  const c = value as Record<string, unknown>;
  if (typeof c.name !== "string" || c.name.trim() === "" || /[\r\n]/.test(c.name)) return `invalid claim name. Must be a non-empty one-line string. Value: \`${String(c.name)}\`.`;
  if (typeof c.statement !== "string") return `invalid statement of claim \`${c.name}\`. Must be a string.`;
  if (c.tag !== "theorem" && c.tag !== "false") return `invalid tag of claim \`${c.name}\`. Must be theorem or false. Value: \`${String(c.tag)}\`.`;
  if (!Array.isArray(c.arbitraries) || c.arbitraries.length === 0 || !c.arbitraries.every(isArbitrary)) {
    return `invalid arbitraries of claim \`${c.name}\`. Must be a non-empty array of fast-check arbitraries.`;
  }
  if (typeof c.predicate !== "function") return `invalid predicate of claim \`${c.name}\`. Must be a function.`;
  if (c.witness !== undefined && typeof c.witness !== "function") return `invalid witness of claim \`${c.name}\`. Must be a function.`;
  return undefined;
}

function isArbitrary(a: unknown): boolean {
  return a !== null && typeof a === "object" && typeof (a as { generate?: unknown }).generate === "function" && typeof (a as { shrink?: unknown }).shrink === "function";
}

/** True when `value` has the shape of a {@link Claim}. */
export function isClaim(value: unknown): value is Claim {
  return claimProblem(value) === undefined;
}
