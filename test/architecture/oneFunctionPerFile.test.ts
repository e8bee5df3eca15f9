import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { describe, expect, it } from "vitest";
import { fileExports, publicFiles } from "./publicFiles.js";

const SRC = join(import.meta.dirname, "..", "..", "src");

/** Public files allowed to export several functions, each with the reason. */
const EXCEPTIONS: Record<string, string> = {
  "errors.ts": "the family of typed errors is one idea: what can go wrong",
  "scalar/bigintMath.ts": "the one BigInt integer/rational toolbox (gcd, isqrt, reconstruction)",
};

/** Claim libraries export claims (data), several per file by theme. */
const isClaimLibrary = (file: string): boolean => /^claims\/library\/[A-Za-z]+Claims\.ts$/.test(file);

const files = [...publicFiles(SRC).keys()].filter((f) => posix.basename(f) !== "index.ts");

describe("the public API is one function per file", () => {
  it("should find the public files through the barrels the package exports", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain("net/lossAndGradient.ts");
  });

  it("should have no export * in any barrel", () => {
    const starred = [...files, "index.ts", "claims/library/index.ts"].filter(
      (f) => fileExports(readFileSync(join(SRC, f), "utf8")).exportStar,
    );
    expect(starred).toEqual([]);
  });

  it("should export at most one function or class from each public file, named like the file", () => {
    const offenders: string[] = [];
    for (const file of files) {
      if (EXCEPTIONS[file] !== undefined || isClaimLibrary(file)) continue;
      const { callables, others } = fileExports(readFileSync(join(SRC, file), "utf8"));
      const base = posix.basename(file, ".ts");
      if (callables.length > 1) offenders.push(`${file}: ${callables.join(", ")}`);
      else if (callables.length === 1 && callables[0] !== base) offenders.push(`${file}: exports ${callables[0]}`);
      else if (
        callables.length === 0 &&
        !others.some((n) => n.toLowerCase() === base.toLowerCase()) &&
        !/Limits$|Methods$|Problem$|Quantities$/.test(base)
      )
        offenders.push(`${file}: no export named ${base}`);
    }
    expect(offenders).toEqual([]);
  });

  it("should keep the exception list to files that really are public and really export several functions", () => {
    for (const file of Object.keys(EXCEPTIONS)) {
      expect(files).toContain(file);
      expect(fileExports(readFileSync(join(SRC, file), "utf8")).callables.length).toBeGreaterThan(1);
    }
  });
});
