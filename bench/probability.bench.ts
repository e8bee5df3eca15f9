/**
 * Probability of obstruction (docs/theory.md §5), against mpmath in the same run:
 * - one full report (p, q, P(disconnected), E[#pathological], E[b_0], closed
 *   form) at 40 digits: budget 5 ms; reference: mpmath `betainc` for the same
 *   p at 40 digits (timed inside Python, so interpreter start-up is not counted);
 * - a 64 × 256 Xavier-normal table (d_in = 1..64, l = 1..256, e = 1) at 20
 *   digits: budget 10 s; reference: mpmath `betainc` for the same 16 384 p
 *   values, which also checks every one of our p to all 20 digits.
 * Without python3 or mpmath the reference lines are skipped with a message.
 */
import { spawnSync } from "node:child_process";
import { Decimal } from "decimal.js";
import { pathologicalProbability } from "../src/probability/pathologicalProbability.js";
import { probabilityReport } from "../src/probability/probabilityReport.js";
import { probabilityTable } from "../src/probability/probabilityTable.js";
import { medianMs, printBudget, printRatio } from "./timing.js";

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const hasMpmath = spawnSync("python3", ["-c", "import mpmath"], { encoding: "utf8" }).status === 0;
if (!hasMpmath) console.log("python3 with mpmath is missing: no reference ratios and no independent accuracy check");

/** Runs a Python snippet that prints its own time (ms) on stderr's last line and results on stdout. */
function python(code: string): { ms: number; out: string } {
  const r = spawnSync("python3", ["-c", code], { encoding: "utf8", maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(r.stderr);
  return { ms: Number(r.stderr.trim().split("\n").pop()), out: r.stdout };
}

// 1. One value at 40 digits (Kaiming normal, d_in = 3, l = 4: the arcsine case)
const one = await medianMs(() => probabilityReport({ scheme: "kaiming-normal" }, 3, 4, 1, { digits: 40 }), 20, 500);
const pOnly = await medianMs(() => pathologicalProbability(3, 1, "4/3", { digits: 40 }), 20, 500);
printBudget("one full report at 40 digits (kaiming-normal, d_in = 3, l = 4, e = 1)", one, 5);
// cold: a (d_in, e) never seen before, so the closed-form template is built inside the timing
const cold: number[] = [];
for (let dIn = 101; dIn <= 140; dIn++) {
  const t = performance.now();
  probabilityReport({ scheme: "xavier-normal" }, dIn, 2 * dIn + 1, 3, { digits: 40 });
  cold.push(performance.now() - t);
}
cold.sort((a, b) => a - b);
printBudget("one full report at 40 digits, cold (xavier-normal, d_in = 101..140 each new, e = 3; median)", cold[cold.length >> 1]!, 5);
printBudget("p alone at 40 digits (with its closed-form text)", pOnly, 5);
if (hasMpmath) {
  const ref = python(`import time
from mpmath import mp, mpf, betainc, nstr
mp.dps = 50
best = 1e9
for _ in range(50):
    t = time.perf_counter()
    v = betainc(mpf(3)/2, mpf(1)/2, 0, mpf(3)/7, regularized=True)
    best = min(best, time.perf_counter() - t)
print(nstr(v, 40))
import sys; print(best * 1000, file=sys.stderr)`);
  printRatio("p at 40 digits, ours vs mpmath betainc (same value)", pOnly, "mpmath betainc", ref.ms);
  const ours = pathologicalProbability(3, 1, "4/3", { digits: 40 }).p;
  console.log(`  equal to mpmath to 40 digits: ${new Decimal(ours).eq(new Decimal(ref.out.trim()))}`);
}

// 2. The 64 × 256 table at 20 digits
const t0 = performance.now();
const rows = probabilityTable({ scheme: "xavier-normal" }, range(1, 64), range(1, 256), [1], { digits: 20 });
const tableMs = performance.now() - t0;
printBudget("64 x 256 xavier-normal table at 20 digits (5 quantities per cell)", tableMs, 10_000);
if (hasMpmath) {
  const ref = python(`import time, sys
from mpmath import mp, mpf, betainc, nstr
mp.dps = 40
t = time.perf_counter()
out = []
for d in range(1, 65):
    for l in range(1, 257):
        x = mpf(d + l) / (d + 2 * l + 1)   # 1/(1 + rho), rho = (l + 1)/(d + l)
        out.append(nstr(betainc(mpf(d) / 2, mpf(1) / 2, 0, x, regularized=True), 20))
print(time.perf_counter() - t, file=sys.stderr)
print("\\n".join(out))`);
  printRatio("64 x 256 table, ours (all 5 quantities) vs mpmath betainc (p only)", tableMs, "mpmath betainc", ref.ms * 1000);
  const want = ref.out.trim().split("\n");
  let mismatches = 0;
  rows.forEach((r, i) => {
    if (!new Decimal(r.pNeuron).eq(new Decimal(want[i]!))) mismatches++;
  });
  console.log(`  p equal to mpmath to 20 digits in ${rows.length - mismatches} of ${rows.length} cells`);
}
