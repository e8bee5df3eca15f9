/**
 * Whether `a` is a fast-check arbitrary, known by its shape (`generate` and `shrink`) rather than by
 * `instanceof`, so that an arbitrary built by another copy of fast-check counts too.
 *
 * @internal
 */
export function isArbitrary(a: unknown): boolean {
  return (
    a !== null &&
    typeof a === "object" &&
    typeof (a as { generate?: unknown }).generate === "function" &&
    typeof (a as { shrink?: unknown }).shrink === "function"
  );
}
