import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

const example = (name: string): string => fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
const toy = ["--net", example("toy.json"), "--data", example("toy.csv")];
const seventy = Array(70).fill("-1").join(",");
const tmp = mkdtempSync(join(tmpdir(), "relutopo-workcap-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("relutopo: work past the cap is refused up front", () => {
  // Each was accepted and ran for hours or forever before its estimate existed; the default cap is one hour.
  const pastAnHour: Array<[string, string[], string]> = [
    [
      "a width of 10^9 in the Binomial law",
      ["probability", "--init", "kaiming-normal", "--d-in", "3", "--width", "1000000000", "--distribution"],
      "~6.3 h (1 closed-form rows at 40 digits + 1000000001 terms at 70 digits)",
    ],
    [
      "2^53 listed components",
      ["components", "--c", seventy, "--d-in", "2", "--list", "--limit", "9007199254740991"],
      "~13000 years (9007199254740991 patterns of 70 signs)",
    ],
    ["10^8 · 6 table rows", ["table", "components", "--d-in", "1..10000", "--e", "1..10000", "--width", "2"], "~7.1 h (600000000 rows)"],
    ["8000 architectures", ["table", "laws", "--widths-grid", "1..20;1..20;1..20"], "~1.3 h (16000 architectures of up to 800 parameters)"],
    [
      "10^5 decimal digits",
      ["gd", ...toy, "--lr", "1/20", "--steps", "10", "--arith", "decimal:100000"],
      "~2.3 h (10 steps × 8 parameters × 4 rows at 100000 digits)",
    ],
    [
      "10^15 float steps",
      ["gd", ...toy, "--lr", "1/20", "--steps", "1000000000000000", "--arith", "float"],
      "~370 years (1000000000000000 steps × 8 parameters × 4 rows)",
    ],
    ["a million cases of every claim", ["check", "--all", "--runs", "1000000"], "~23 h (37 claim(s) × 1000000 case(s))"],
  ];
  for (const [what, args, estimate] of pastAnHour) {
    it(`should exit 2 naming the estimate and --max-seconds for ${what}`, async () => {
      const r = await runCliInProcess(args);
      expectBadInput(r);
      expect(r.stderr).toBe(
        `relutopo: invalid work. Must be at most ~3600 s estimated. Value: \`${estimate}\`. Raise --max-seconds to run it.\n`,
      );
    });
  }

  // Ordinary work of minutes runs under the default cap; a lower --max-seconds refuses it from the same estimate.
  const minutes: Array<[string, string[], string]> = [
    [
      "a billion Monte Carlo samples",
      ["probability", "--init", "kaiming-uniform", "--d-in", "3", "--width", "10", "--samples", "1000000000"],
      "~1.1 min (1 × 1000000000 samples of 5 coordinates)",
    ],
    ["widths up to 200", ["table", "components", "--d-in", "2", "--e", "1", "--width", "1..200"], "~2.4 min (1373700 rows)"],
    ["3999 parameters", ["laws", "--widths", "2,1333,1", "--degree", "1"], "~3 min (1 architecture of up to 3999 parameters)"],
    ["2000 cases of every claim", ["check", "--all", "--runs", "2000"], "~2.9 min (37 claim(s) × 2000 case(s))"],
    [
      "10^5 flow samples",
      ["flow", ...toy, "--time", "1", "--samples", "100000", "--digits", "100"],
      "~4.2 min (taylor at 100 digits, 100000 samples, 8 parameters × 4 rows)",
    ],
  ];
  for (const [what, args, estimate] of minutes) {
    it(`should exit 2 under --max-seconds 60 naming the estimate for ${what}`, async () => {
      const r = await runCliInProcess([...args, "--max-seconds", "60"]);
      expectBadInput(r);
      expect(r.stderr).toBe(
        `relutopo: invalid work. Must be at most ~60 s estimated. Value: \`${estimate}\`. Raise --max-seconds to run it.\n`,
      );
    });
  }

  it.each(["gd", "flow"])(
    "should refuse to draw a hidden layer of width 10^9 from --arch for %s in one line, before drawing it",
    async (command) => {
      // Arrange: 3·10^9 parameters, which drawn would fill the memory before any estimate of the work
      const arch = join(tmp, "huge.arch.json");
      writeFileSync(arch, '{"input": [2], "layers": [{"linear": {"out": 1000000000}}, {"relu": {}}, {"linear": {"out": 1}}]}');
      const steps = command === "gd" ? ["--lr", "1/20", "--steps", "1"] : ["--time", "1"];
      // Act
      const r = await runCliInProcess([command, "--arch", arch, "--data", example("toy.csv"), ...steps]);
      // Assert
      expectBadInput(r);
      expect(r.stderr).toBe(
        `relutopo: invalid --max-input-mib. Must be raised to draw \`${arch}\`, a network of more than 4194304 parameters (N MiB allow N/4 Mi, as for the values of a file). Value: \`16\`.\n`,
      );
    },
  );

  it("should apply the cap given by --max-seconds, both ways", async () => {
    const args = ["table", "components", "--d-in", "2", "--e", "1", "--width", "1..12"];
    expect((await runCliInProcess(args)).status).toBe(0);
    const r = await runCliInProcess([...args, "--max-seconds", "0.01"]);
    expectBadInput(r);
    expect(r.stderr).toMatch(/^relutopo: invalid work\. Must be at most ~0\.01 s estimated\. Value: `~0\.\d+ s \(454 rows\)`\./);
  });

  it("should refuse a --max-seconds that is not a positive number", async () => {
    const r = await runCliInProcess(["laws", "--widths", "2,2,1", "--max-seconds", "-3"]);
    expectBadInput(r);
    expect(r.stderr).toBe("relutopo: invalid --max-seconds. Must be a positive number of seconds. Value: `-3`.\n");
  });

  it("should stop exact gd at run time when its digits grow past twice the cap, exit 3", async () => {
    const r = await runCliInProcess(["gd", ...toy, "--lr", "1/20", "--steps", "40", "--max-seconds", "2"]);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^relutopo: gd: stopped: the run is projected to take [^\n]+, over twice the cap of ~2 s at step \d+ of 40; raise --max-seconds\n$/,
    );
  });
});
