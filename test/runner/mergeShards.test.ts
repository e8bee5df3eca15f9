import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { mergeShards } from "../../src/runner/mergeShards.js";
import { reproduce, type ReproduceOptions } from "../../src/runner/reproduce.js";
import type { FinishedRun, RunReport } from "../../src/runner/runReport.js";

const root = mkdtempSync(join(tmpdir(), "relutopo-runner-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A report writer that records the runs it is handed instead of building a report. */
function recorder(): { report: RunReport; runs: FinishedRun[] } {
  const runs: FinishedRun[] = [];
  const report: RunReport = async (run) => {
    runs.push(run);
    return ["stub.md"];
  };
  return { runs, report };
}

/** The probability experiment at tiny scale: two cells, each a grid of exact probabilities. */
const base = (out: string, report: RunReport): ReproduceOptions => ({
  out,
  experiment: "probability",
  scale: "tiny",
  seed: 1,
  shard: null,
  threads: 1,
  report,
});

describe("reproduce and mergeShards", () => {
  it("should hand the report writer the same cells whether the run is whole or merged from shards", async () => {
    // Arrange
    const whole = recorder();
    const merged = recorder();
    const shards = recorder();
    const [a, b] = [join(root, "shard0"), join(root, "shard1")];
    // Act
    const single = await reproduce(base(join(root, "single"), whole.report));
    const s0 = await reproduce({ ...base(a, shards.report), shard: { index: 0, count: 2 } });
    const s1 = await reproduce({ ...base(b, shards.report), shard: { index: 1, count: 2 } });
    const m = await mergeShards({ dirs: [a, b], out: join(root, "merged"), report: merged.report });
    // Assert: a shard writes no report; the merge covers the plan; the cells' results agree.
    expect(shards.runs).toHaveLength(0);
    expect([s0.cells, s1.cells, single.cells, m.cells, m.shards]).toEqual([1, 1, 2, 2, 2]);
    expect([single.files, m.files]).toEqual([["stub.md"], ["stub.md"]]);
    const results = (run: FinishedRun): unknown[] => run.specs.map((s) => run.cells.get(s.id)!.result);
    expect(results(merged.runs[0]!)).toEqual(results(whole.runs[0]!));
    expect(merged.runs[0]!.specs.map((s) => s.id)).toEqual(["probability-kaiming-normal", "probability-xavier-normal"]);
    expect(merged.runs[0]!.timing.mergedShards).toBe(2);
  });

  it("should refuse shards that miss a cell, before writing anything or calling the report writer", async () => {
    // Arrange: one shard of two.
    const shard = join(root, "lonely");
    await reproduce({ ...base(shard, recorder().report), shard: { index: 0, count: 2 } });
    const out = join(root, "partial");
    const merged = recorder();
    // Act, Assert
    await expect(mergeShards({ dirs: [shard], out, report: merged.report })).rejects.toThrow(
      /^invalid shards\. Must be a set that covers every cell of the run\. Value: `[^`]*lonely`\. 1 of 2 cells are missing, first /,
    );
    expect(merged.runs).toHaveLength(0);
    expect(existsSync(out)).toBe(false);
  });

  it("should name the field `out` when the output is a file", async () => {
    const file = join(root, "single", "run.json");
    const err = await reproduce(base(file, recorder().report)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).data?.field).toBe("out");
    expect((err as InputError).describe((f) => `--${f}`)).toBe(
      `invalid --out. Must be a directory (it is created when absent). Value: \`${file}\`.`,
    );
  });

  it("should recompute a cached cell whose result does not have its kind's shape, instead of reporting from it", async () => {
    // Arrange: a finished run, then one cell's result emptied.
    const out = join(root, "resume-bad-cell");
    const first = recorder();
    await reproduce(base(out, first.report));
    const path = join(out, "cells", "probability-kaiming-normal.json");
    const good = JSON.parse(readFileSync(path, "utf8"));
    writeFileSync(path, JSON.stringify({ ...good, result: {} }));
    // Act
    const again = await reproduce(base(out, recorder().report));
    // Assert: that cell alone was computed again, and its file holds the whole result once more.
    expect([again.computed, again.reused]).toEqual([1, 1]);
    expect(JSON.parse(readFileSync(path, "utf8")).result).toEqual(good.result);
  });

  it("should refuse to merge a shard whose cell has the wrong shape, naming the file and the field, and write nothing", async () => {
    const shard = join(root, "bad-shard");
    await reproduce({ ...base(shard, recorder().report), shard: { index: 0, count: 1 } });
    const path = join(shard, "cells", "probability-xavier-normal.json");
    const cell = JSON.parse(readFileSync(path, "utf8"));
    writeFileSync(path, JSON.stringify({ ...cell, ms: -1 }));
    const out = join(root, "bad-merge");
    const merged = recorder();
    const err = await mergeShards({ dirs: [shard], out, report: merged.report }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).data).toMatchObject({ field: "cell file", value: path });
    expect((err as InputError).message).toMatch(
      `invalid cell file. Must be a cell written by relutopo reproduce. Value: \`${path}\`. In field \`ms\`: `,
    );
    expect(merged.runs).toHaveLength(0);
    expect(existsSync(out)).toBe(false);
  });
});
