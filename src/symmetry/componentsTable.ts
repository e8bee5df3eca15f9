import type { Table } from "../table/table.js";
import { exact, type Rational } from "../scalar/exact.js";
import { componentsReport } from "./componentsReport.js";

/**
 * The rows of `relutopo table components`: for each d_in, e, l and each split
 * of l into (#c<0, #c=0, #c>0), the topology of H(c) and its orbit counts,
 * strict orbits both when all c are distinct and when all c are equal within
 * a sign class (c = −1, 0, 1).
 *
 * @param dIns - fan-ins d_in
 * @param es - output dimensions e
 * @param widths - widths l
 * @param onProgress - called with the number of rows done after each row (a progress bar)
 * @returns the table, one row per (d_in, e, l, split)
 * @example componentsTable([2], [1], [1]).rows.length // returns 3
 */
export function componentsTable(dIns: number[], es: number[], widths: number[], onProgress?: (rows: number) => void): Table {
  const rows: string[][] = [];
  for (const dIn of dIns)
    for (const e of es)
      for (const l of widths)
        for (let neg = l; neg >= 0; neg--)
          for (let zero = l - neg; zero >= 0; zero--) {
            const pos = l - neg - zero;
            const equal: Rational[] = [
              ...Array<Rational>(neg).fill(exact.fromInt(-1)),
              ...Array<Rational>(zero).fill(exact.zero),
              ...Array<Rational>(pos).fill(exact.one),
            ];
            // distinct values with the same signs: −1, −2, …; 0 (zeros never split); 1, 2, …
            const distinct: Rational[] = [
              ...[...Array(neg).keys()].map((i) => exact.fromInt(-1 - i)),
              ...Array<Rational>(zero).fill(exact.zero),
              ...[...Array(pos).keys()].map((i) => exact.fromInt(1 + i)),
            ];
            const a = componentsReport(equal, { dIn, e });
            const b = componentsReport(distinct, { dIn, e });
            onProgress?.(rows.length + 1);
            rows.push(
              [dIn, e, l, neg, zero, pos]
                .map(String)
                .concat([
                  a.betti ? a.betti.join(" ") : a.poincareFactored,
                  a.poincare,
                  a.components,
                  b.strictOrbits,
                  a.strictOrbits,
                  a.effective,
                ]),
            );
          }
  return {
    columns: [
      "d_in",
      "e",
      "l",
      "c<0",
      "c=0",
      "c>0",
      "betti",
      "poincare",
      "components",
      "strict orbits (distinct c)",
      "strict orbits (equal c)",
      "effective",
    ],
    rows,
  };
}
