/**
 * Start-up: `relutopo --version` (node dist/cli/main.js --version), whole
 * process, against a bare `node -e 0`, over repeated runs taken in turn so
 * both see the same load. The target is a difference of at most 0.1 s: each
 * command loads its modules only when it runs, and the registration loads
 * nothing but commander and a few constants. Needs `npm run build` first.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { printBudget } from "./timing.js";

const MAIN = fileURLToPath(new URL("../dist/cli/main.js", import.meta.url));
const RUNS = 21;
const BUDGET_MS = 100;

/** Wall time of one whole process in milliseconds; fails loudly if it does not exit 0. */
function processMs(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: "utf8" });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

if (!existsSync(MAIN)) {
  console.log(`${MAIN} is missing: run npm run build first`);
  process.exitCode = 1;
} else {
  // One warm-up of each, so the file cache is the same for both.
  processMs([MAIN, "--version"]);
  processMs(["-e", "0"]);
  const ours: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(processMs([MAIN, "--version"]));
    bare.push(processMs(["-e", "0"]));
  }
  const o = median(ours);
  const b = median(bare);
  console.log(
    `relutopo --version: median ${o.toFixed(1)} ms over ${RUNS} runs; node -e 0: median ${b.toFixed(1)} ms; ratio ${(o / b).toFixed(2)}x`,
  );
  printBudget("relutopo --version minus node -e 0", o - b, BUDGET_MS);
}
