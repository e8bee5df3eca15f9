/**
 * `components --c-file` with l = 100,000 values must answer in under a second.
 * Measured in process (parse + report) and end to end through the CLI, next to
 * a naive reference in the same run: the Künneth product taken one neuron at a
 * time, which is what the closed form replaces (timed at l = 2,000, where it is
 * still feasible, and extrapolated by its quadratic cost).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseCList } from "../src/cli/actions/componentsAction.js";
import { componentsReport } from "../src/symmetry/componentsReport.js";
import { exact, type Rational } from "../src/scalar/exact.js";
import { medianMs, printBudget, printRatio } from "./timing.js";

function values(l: number): string[] {
  // a fixed mix of signs, with repeats, zeros and fractions
  return Array.from({ length: l }, (_, i) => ["-1/3", "2", "0", "7/5", "-4"][(i * 7919) % 5]!);
}

function naiveBetti(c: Rational[], dIn: number, e: number): bigint[] {
  let p: bigint[] = [1n];
  for (const v of c) {
    const s = exact.sign(v);
    const m = s > 0 ? dIn - 1 : s < 0 ? e - 1 : -1;
    if (m < 0) continue;
    const q = new Array<bigint>(p.length + m).fill(0n);
    p.forEach((b, i) => {
      q[i] = q[i]! + b;
      q[i + m] = q[i + m]! + b;
    });
    p = q;
  }
  return p;
}

const dir = mkdtempSync(join(tmpdir(), "relutopo-bench-"));
for (const [dIn, e] of [
  [2, 1],
  [3, 1],
  [1, 1],
] as const) {
  const text = values(100_000).join("\n");
  const file = join(dir, `c-${dIn}-${e}.txt`);
  writeFileSync(file, text);
  const ours = await medianMs(() => componentsReport(parseCList(text, "c"), { dIn, e }), 3, 0);
  printBudget(`components l = 100,000 (d_in = ${dIn}, e = ${e}), in process`, ours, 1000);
  const t0 = performance.now();
  spawnSync(
    process.execPath,
    [
      fileURLToPath(new URL("../dist/cli/main.js", import.meta.url)),
      "components",
      "--c-file",
      file,
      "--d-in",
      String(dIn),
      "--e",
      String(e),
      "--json",
    ],
    { encoding: "utf8", maxBuffer: 1 << 28 },
  );
  printBudget(`components --c-file l = 100,000 (d_in = ${dIn}, e = ${e}), end to end through the CLI`, performance.now() - t0, 1000);
}
const small = values(2000).map(exact.parse);
const oursSmall = await medianMs(() => componentsReport(small, { dIn: 3, e: 2 }), 3, 0);
const naiveSmall = await medianMs(() => naiveBetti(small, 3, 2), 3, 0);
const check = componentsReport(small, { dIn: 3, e: 2 }).betti!.join() === naiveBetti(small, 3, 2).map(String).join();
printRatio(
  `Betti numbers l = 2,000 (d_in = 3, e = 2; equal to the naive product: ${check})`,
  oursSmall,
  "naive Künneth product",
  naiveSmall,
);
