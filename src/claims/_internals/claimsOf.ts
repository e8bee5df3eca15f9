import { InputError } from "../../errors.js";
import type { Claim } from "../claim.js";
import { claimProblem } from "./claimProblem.js";

/** Keys only a claim has: an object with one of them is meant as a claim (`name` alone is not: arithmetics have one). */
const CLAIM_KEYS = ["tag", "statement", "arbitraries", "predicate", "property"];

function looksLikeClaim(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(looksLikeClaim);
  return v !== null && typeof v === "object" && CLAIM_KEYS.some((k) => k in v);
}

/** @internal The claims exported by a loaded module namespace. */
export function claimsOf(mod: Record<string, unknown>, path: string): Claim[] {
  const found: unknown[] = [];
  const invalid: { where: string; problem: string }[] = [];
  const take = (v: unknown, where: string, strict: boolean): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        take(x, `${where}[${i}]`, true);
      });
      return;
    }
    const problem = claimProblem(v);
    if (problem === undefined) {
      if (!found.includes(v)) found.push(v);
    } else if (strict || looksLikeClaim(v)) invalid.push({ where, problem });
  };
  const consider = (v: unknown, where: string, strict: boolean): void => {
    if (strict || looksLikeClaim(v) || claimProblem(v) === undefined) take(v, where, strict);
  };
  if (mod.default !== undefined) consider(mod.default, "default", false);
  if (mod.claims !== undefined) consider(mod.claims, "claims", true);
  for (const [key, v] of Object.entries(mod)) if (key !== "default" && key !== "claims") consider(v, key, false);
  const [first, ...rest] = invalid;
  if (first !== undefined) {
    const more = rest.length === 0 ? "" : ` (and ${rest.length} more invalid export(s))`;
    throw new InputError({
      field: "claim export",
      expected: "a claim",
      value: first.where,
      note: `In \`${path}\`: ${first.problem}${more}`,
    });
  }
  if (found.length === 0)
    throw new InputError({
      field: `claim file \`${path}\``,
      expected: "a module that exports claims (a default export, a `claims` array or named claims)",
      value: "no claim found",
    });
  const names = new Set<string>();
  for (const c of found as Claim[]) {
    if (names.has(c.name))
      throw new InputError({
        field: `claim file \`${path}\``,
        expected: "claims with distinct names",
        value: c.name,
        note: "Two claims have this name.",
      });
    names.add(c.name);
  }
  return found as Claim[];
}
