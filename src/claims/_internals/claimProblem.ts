import { isArbitrary } from "./isArbitrary.js";
import { isNamedArbitraries } from "./isNamedArbitraries.js";

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
