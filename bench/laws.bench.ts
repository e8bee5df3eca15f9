/**
 * Counting conservation laws: ours (exact over Q, certified) against the
 * float-based method of Marcotte, Gribonval and Peyré (symbolic Jacobian
 * fields, Lie brackets, numpy rank at a random point; bench/laws_reference.py,
 * sympy) timed in the same run on the same two-layer architectures, with both
 * counts printed. Then larger networks, ours only, next to the per-network
 * times their paper reports (41 s linear, 136 s ReLU, on 64 threads).
 * Target: ≥ 100× faster, on one core.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { lawArchitecture } from "../src/laws/lawArchitecture.js";
import { conservationLaws } from "../src/laws/conservationLaws.js";
import { medianMs, printRatio } from "./timing.js";

const REFERENCE = fileURLToPath(new URL("./laws_reference.py", import.meta.url));
const PUBLISHED_MS: Record<string, number> = { linear: 41_000, relu: 136_000 };
const sympy = spawnSync("python3", ["-c", "import sympy, numpy"], { encoding: "utf8" });
const haveReference = sympy.status === 0;
if (!haveReference) console.log("python3 with sympy and numpy is missing: the same-run reference is skipped");

for (const widths of [
  [2, 3, 2],
  [3, 4, 2],
])
  for (const activation of ["relu", "linear"]) {
    const arch = lawArchitecture(widths, { activation });
    const ours = conservationLaws(arch);
    const oursMs = await medianMs(() => conservationLaws(arch), 3, 200);
    const label = `laws ${widths.join(",")} ${activation}: count ${ours.count} (certified ${ours.certified})`;
    if (!haveReference) {
      console.log(`${label}: ours ${oursMs.toFixed(3)} ms`);
      continue;
    }
    const r = spawnSync("python3", [REFERENCE, widths.join(","), activation], { encoding: "utf8" });
    const ref = JSON.parse(r.stdout) as { count: number; seconds: number };
    printRatio(
      `${label}, float reference count ${ref.count}${String(ref.count) === String(ours.count) ? "" : " (DIFFERS)"}`,
      oursMs,
      "sympy+numpy reference",
      ref.seconds * 1000,
      100,
    );
  }

for (const widths of [
  [5, 10, 5],
  [10, 20, 5],
])
  for (const activation of ["relu", "linear"]) {
    const arch = lawArchitecture(widths, { activation });
    const ours = conservationLaws(arch);
    const oursMs = await medianMs(() => conservationLaws(arch), 3, 0);
    printRatio(
      `laws ${widths.join(",")} ${activation} (${ours.parameters} parameters): count ${ours.count} (certified ${ours.certified})`,
      oursMs,
      "published per-network time",
      PUBLISHED_MS[activation]!,
      100,
    );
  }
