import type { z } from "zod";

/**
 * The first issue of a zod validation failure in words: where it sits, as a
 * field path `a.b[0].c`, and what is wrong there.
 *
 * @param error - what `safeParse` returned on failure
 * @returns e.g. ``field `result.rows[2].dIn`: Invalid input: expected number, received string``
 * @example zodIssue(z.object({ a: z.number() }).safeParse({ a: "x" }).error)
 * // returns "field `a`: Invalid input: expected number, received string"
 */
export function zodIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "the value does not fit";
  const at = issue.path.reduce<string>((s, k) => (typeof k === "number" ? `${s}[${k}]` : s === "" ? String(k) : `${s}.${String(k)}`), "");
  return `${at === "" ? "the whole value" : `field \`${at}\``}: ${issue.message}`;
}
