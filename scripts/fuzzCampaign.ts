/**
 * A long fuzz campaign of the built CLI (dist/cli/main.js): thousands of
 * generated cases run in parallel, summarised by command and failure kind.
 *
 *   npm run build && node --import tsx scripts/fuzzCampaign.ts --cases 3000 --seed 7 [--jobs 2] [--show 3]
 *
 * Exits 1 when any case failed; prints up to --show examples of each kind.
 */
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import fc from "fast-check";
import { type FuzzCase, type FuzzResult, fuzzCase, runFuzzCase } from "../test/helpers/fuzzCli.js";

const { values } = parseArgs({
  options: {
    cases: { type: "string", default: "300" },
    seed: { type: "string", default: String(Date.now() % 2 ** 31) },
    jobs: { type: "string", default: String(Math.max(1, availableParallelism() - 1)) },
    show: { type: "string", default: "3" },
    "slow-seconds": { type: "string", default: "30" },
  },
});
const cases = Number(values.cases);
const seed = Number(values.seed);
const jobs = Number(values.jobs);
const slow = Number(values["slow-seconds"]);
process.stdout.write(`fuzz campaign: ${cases} cases, seed ${seed}, ${jobs} jobs (replay with --seed ${seed})\n`);

const all: FuzzCase[] = fc.sample(fuzzCase, { numRuns: cases, seed });
const results: Array<{ c: FuzzCase; r: FuzzResult }> = [];
let next = 0;
async function worker(): Promise<void> {
  while (next < all.length) {
    const c = all[next++]!;
    // killed at twice the slow mark so that "over 30 s" is seen, not just "killed"
    const r = await runFuzzCase(c, slow * 2);
    results.push({ c, r: r.verdict === "ok" && r.seconds > slow ? { ...r, verdict: "over time limit" } : r });
    if (results.length % 50 === 0) process.stderr.write(`  ${results.length}/${all.length}\n`);
  }
}
await Promise.all(Array.from({ length: jobs }, worker));

const table = new Map<string, Map<string, number>>();
for (const { c, r } of results) {
  const row = table.get(c.command) ?? new Map<string, number>();
  row.set(r.verdict, (row.get(r.verdict) ?? 0) + 1);
  table.set(c.command, row);
}
const kinds = [...new Set(results.map(({ r }) => r.verdict))].sort();
process.stdout.write(`\n${["command", ...kinds].join("\t")}\n`);
for (const [command, row] of [...table].sort()) process.stdout.write(`${[command, ...kinds.map((k) => row.get(k) ?? 0)].join("\t")}\n`);
// How deep each command got: exit 0/1 ran it, 2 refused the input, 3 stopped a computation; "ran" is
// the share of cases past input validation (exit 0, 1 or 3), which the generator aims to keep near half.
const codes = [...new Set(["0", "1", "2", "3", ...results.map(({ r }) => String(r.status))])].sort();
process.stdout.write(`\n${["command", ...codes.map((c) => `exit ${c}`), "ran"].join("\t")}\n`);
const ranShare = (rows: typeof results): string =>
  `${Math.round((100 * rows.filter(({ r }) => r.status === 0 || r.status === 1 || r.status === 3).length) / Math.max(1, rows.length))}%`;
for (const command of [...table.keys()].sort()) {
  const rows = results.filter(({ c }) => c.command === command);
  process.stdout.write(
    `${[command, ...codes.map((code) => rows.filter(({ r }) => String(r.status) === code).length), ranShare(rows)].join("\t")}\n`,
  );
}
process.stdout.write(
  `${["all", ...codes.map((code) => results.filter(({ r }) => String(r.status) === code).length), ranShare(results)].join("\t")}\n`,
);
const exits = new Map<string, number>();
for (const { r } of results) exits.set(String(r.status), (exits.get(String(r.status)) ?? 0) + 1);
process.stdout.write(
  `\nexit codes: ${[...exits]
    .sort()
    .map(([k, n]) => `${k}: ${n}`)
    .join(", ")}\n`,
);
const failed = results.filter(({ r }) => r.verdict !== "ok");
const show = Number(values.show);
for (const kind of kinds.filter((k) => k !== "ok")) {
  process.stdout.write(`\n== ${kind}\n`);
  for (const { c, r } of failed.filter(({ r }) => r.verdict === kind).slice(0, show)) {
    process.stdout.write(`relutopo ${c.args.map((a) => JSON.stringify(a)).join(" ")}\n`);
    for (const [name, content] of Object.entries(c.files))
      process.stdout.write(
        `  ${name}: ${typeof content === "string" ? JSON.stringify(content.slice(0, 300)) : `${content.length} bytes, base64 ${Buffer.from(content).toString("base64")}`}\n`,
      );
    process.stdout.write(
      `  -> exit ${r.status} in ${r.seconds.toFixed(1)} s; stderr ${JSON.stringify(r.stderr.slice(0, 400))}${r.leftovers.length > 0 ? `; left ${r.leftovers.join(", ")}` : ""}\n`,
    );
  }
}
const slowest = [...results].sort((a, b) => b.r.seconds - a.r.seconds).slice(0, 3);
process.stdout.write(
  `\nslowest: ${slowest.map(({ c, r }) => `${r.seconds.toFixed(1)} s ${c.args.join(" ").slice(0, 120)}`).join("\n         ")}\n`,
);
process.stdout.write(`\n${failed.length} of ${results.length} cases failed\n`);
process.exitCode = failed.length > 0 ? 1 : 0;
