/** Longest JSON text an error message quotes of a value read from a file. */
const MAX_BRIEF = 40;

/**
 * A value read from JSON as short text for an error message: its JSON, cut at
 * {@link MAX_BRIEF} characters, so that a whole matrix never lands on stderr.
 *
 * @internal
 */
export function jsonBrief(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > MAX_BRIEF ? `${text.slice(0, MAX_BRIEF)}…` : text;
}
