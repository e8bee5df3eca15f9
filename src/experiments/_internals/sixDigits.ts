/**
 * A float as text for CSV and JSON: 6 significant digits, the same on every
 * platform (`toPrecision` is exact-rounding in ECMAScript).
 *
 * @internal
 */
export function sixDigits(v: number): string {
  return String(Number(v.toPrecision(6)));
}
