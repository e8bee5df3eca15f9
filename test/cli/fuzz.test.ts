import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type FuzzCase, type FuzzResult, capped, fuzzCase, runFuzzCase } from "../helpers/fuzzCli.js";
import { runs } from "../helpers/campaign.js";

// Seeded like every property test (test/setup.ts): FC_SEED=… replays a run, FUZZ_CASES=… runs more cases.
// `npm run test:long` runs all 64 drawn cases; `npm test` the first drawn case of each of the 13 commands.
const seed = Number(process.env.FC_SEED ?? 20261124);
const drawn = Number(process.env.FUZZ_CASES ?? 64);
const cases = process.env.FUZZ_CASES === undefined ? runs(drawn, 13) : drawn;

/** The first `n` cases to run: the first case of each command, then the others in the order drawn. */
function firstOfEachCommand(all: FuzzCase[], n: number): FuzzCase[] {
  const firsts = all.filter((c, i) => all.findIndex((d) => d.command === c.command) === i);
  return [...firsts, ...all.filter((c) => !firsts.includes(c))].slice(0, n);
}

/** Every command that reads input or runs long: what the generator must reach. */
const COMMANDS = [
  "check",
  "components",
  "flow",
  "gd",
  "inspect",
  "invariants",
  "laws",
  "obstruction",
  "probability",
  "reproduce",
  "table components",
  "table laws",
  "table probability",
];

/** A case's files for the failure message: text as JSON, bytes as base64. */
function describeFiles(c: FuzzCase): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(c.files).map(([name, content]) => [
        name,
        typeof content === "string" ? content : `base64:${Buffer.from(content).toString("base64")}`,
      ]),
    ),
  );
}

describe("relutopo: fuzzed networks (JSON, damaged .pt and .safetensors), CSVs, claim modules, option values and paths", () => {
  it("should draw every command it fuzzes", () => {
    const all = fc.sample(fuzzCase, { numRuns: drawn, seed });
    expect([...new Set(all.map((c) => c.command))].sort()).toEqual(COMMANDS);
  });

  it("should exit 0-3 with at most one stderr line, no stack trace, no stray file, within 20 s; exit 0 with finite values and valid JSON", {
    tags: ["long"],
    timeout: 180_000,
  }, async () => {
    // Arrange
    // a cap of 1 s (the campaign keeps 5 s): long computations are refused or stopped sooner
    const all = firstOfEachCommand(fc.sample(fuzzCase, { numRuns: drawn, seed }), cases).map((c) => capped(c, 1));
    process.stdout.write(`CLI fuzz: ${cases} of ${drawn} cases, seed ${seed} (replay with FC_SEED=${seed})\n`);
    // Act: two at a time, the built CLI in a fresh directory per case
    const results: Array<{ c: FuzzCase; r: FuzzResult }> = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < all.length) {
        const c = all[next++]!;
        results.push({ c, r: await runFuzzCase(c, 20) });
      }
    };
    await Promise.all([worker(), worker()]);
    // Assert: NaN in a float result is a value, not a failure of the contract checked here
    const failed = results
      .filter(({ r }) => r.verdict !== "ok" && r.verdict !== "NaN in output")
      .map(({ c, r }) => `${r.verdict}: relutopo ${c.args.join(" ")} files ${describeFiles(c)} -> exit ${r.status}: ${r.stderr}`);
    expect(failed, `seed ${seed}`).toEqual([]);
    expect(results.length).toBe(cases);
    // the run reaches every command and both success and refusal
    expect([...new Set(results.map(({ c }) => c.command))].sort()).toEqual(COMMANDS);
    expect(results.some(({ r }) => r.status === 0)).toBe(true);
    expect(results.some(({ r }) => r.status === 2)).toBe(true);
    // and a good share of the cases get past input validation into the computations
    const ran = results.filter(({ r }) => r.status === 0 || r.status === 1 || r.status === 3).length;
    expect(ran, `${ran} of ${cases} cases ran`).toBeGreaterThanOrEqual(Math.floor(cases / 3));
  });
});
