import { InputError } from "../errors.js";
import type { Dataset } from "../net/readDataset.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import { parseRational } from "../scalar/parseRational.js";

/**
 * The largest |value| the flow integrators take, as a power of 2 (2^166 ≈ 9·10^49).
 * Their step control, first step and event scans read the field, of degree up
 * to 4 in the values, and the series coefficients as doubles: beyond ~10^77 these
 * overflow to ∞, the step shrinks without end and a single Taylor step multiplies
 * integers of thousands of digits (a data cell `1e999` ran for hours). The flow of
 * such data moves on a time scale of 1/|value|², so no run to a usable T could finish.
 */
const MAX_MAGNITUDE_BITS = 166;

/** An upper bound on log2 |num/den| from the bit lengths (no double, so 1e999 is seen). */
function log2Bound(text: string): number {
  const { num, den } = parseRational(text);
  if (num === 0n) return -Infinity;
  const bits = (v: bigint): number => (v < 0n ? -v : v).toString(2).length;
  return bits(num) - bits(den) + 1;
}

function entries(name: string, m: readonly (readonly string[])[]): [string, string][] {
  return m.flatMap((row, i) => row.map((v, j): [string, string] => [`${name}[${i}][${j}]`, v]));
}

/**
 * Refuses, before any work, a network or data set with a value too large for the
 * flow integrators (above about 10^49 in magnitude): `integrateFlow` calls it, and a
 * caller may call it first to refuse such input before estimating the work.
 *
 * @param net - the parameters (exact text)
 * @param data - the data (exact text)
 * @throws InputError naming the field (`net` or `data`), the entry and its value
 * @example assertFlowMagnitudes(readNetwork('{"W1": [[1]], "W2": [[2]]}'), readDataset("x,y\n1e999,1\n", 1, 1)) // throws InputError "invalid data. Must be values below about 10^49 in magnitude for the flow integrators. Value: `X[0][0] = 1e999`."
 */
export function assertFlowMagnitudes(net: LayeredNetwork<string>, data: Dataset<string>): void {
  // a two-layer net's entries are named as in its file form (W1, b1, W2, b2)
  const two = net.layers.length === 2;
  const parameters: [string, string][] = net.layers.flatMap(({ W, b }, l) => [
    ...entries(two ? `W${l + 1}` : `layers[${l}].W`, W),
    ...(b ?? []).map((v, k): [string, string] => [two ? `b${l + 1}[${k}]` : `layers[${l}].b[${k}]`, v]),
  ]);
  const groups: [string, [string, string][]][] = [
    ["net", parameters],
    ["data", [...entries("X", data.X), ...entries("Y", data.Y)]],
  ];
  for (const [field, values] of groups) {
    const huge = values.find(([, v]) => log2Bound(v) > MAX_MAGNITUDE_BITS);
    if (huge !== undefined)
      throw new InputError({
        field,
        expected: "values below about 10^49 in magnitude for the flow integrators",
        value: `${huge[0]} = ${huge[1].length > 40 ? `${huge[1].slice(0, 40)}…` : huge[1]}`,
      });
  }
}
