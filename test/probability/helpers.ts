import { readFileSync } from "node:fs";
import { Decimal } from "decimal.js";

/** decimal.js at 200 digits for comparisons in tests. */
export const Big = Decimal.clone({ precision: 200, rounding: Decimal.ROUND_HALF_EVEN });

/** The mpmath reference values (test/probability/fixtures/make_fixtures.py). */
export interface Reference {
  incompleteBeta: Array<{ x: string; a: string; b: string; value: string }>;
  probability: Array<{ init: string; dIn: number; width: number; e: number; rho: string } & Record<Quantity, string>>;
  distribution: Array<{ init: string; dIn: number; width: number; e: number; distribution: string[] }>;
}

export type Quantity = "pNeuron" | "pSplit" | "pDisconnected" | "expectedPathological" | "expectedComponents";
export const QUANTITIES: Quantity[] = ["pNeuron", "pSplit", "pDisconnected", "expectedPathological", "expectedComponents"];

export const reference: Reference = JSON.parse(readFileSync(new URL("./fixtures/reference.json", import.meta.url), "utf8"));

/** The 120-digit reference rounded once to `digits` significant digits, as a Decimal. */
export function rounded(ref: string, digits: number): Decimal {
  return new Big(ref).toSignificantDigits(digits);
}

/** |a − b| as a Decimal. */
export function distance(a: string, b: string | Decimal): Decimal {
  return new Big(a).minus(new Big(b)).abs();
}
