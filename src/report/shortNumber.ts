/**
 * A number for running text: 4 significant digits, exponent form below 1e−3,
 * from a decimal string or a number (the full value stays in results.json).
 *
 * @param value - a number, or its decimal text
 * @param digits - significant digits (default 4)
 * @returns the short text; 0 and non-finite values as `String` prints them
 *
 * @example shortNumber("0.00079142947707124445519") // returns "7.914e-4"
 */
export function shortNumber(value: string | number, digits = 4): string {
  const v = typeof value === "number" ? value : Number(value);
  if (v === 0 || !Number.isFinite(v)) return String(v);
  if (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)
    return v
      .toExponential(digits - 1)
      .replace("e-", "e-")
      .replace(/e\+?/, "e");
  return String(Number(v.toPrecision(digits)));
}
