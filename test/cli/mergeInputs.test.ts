import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

// merge validates every manifest and every cell it reads before it writes
// anything: a malformed shard is bad input (exit 2, one line naming the file
// and the field), and the output directory is not even created.
const root = mkdtempSync(join(tmpdir(), "relutopo-merge-inputs-"));
const [a, b] = [join(root, "a"), join(root, "b")];
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  for (const [dir, shard] of [
    [a, "0/2"],
    [b, "1/2"],
  ])
    expect(
      (await runCliInProcess(["reproduce", "probability", "--scale", "tiny", "--shard", shard!, "--threads", "1", "--out", dir!])).status,
    ).toBe(0);
});

let n = 0;
/** Fresh copies of the two shards, with `edit` applied to the first. */
function corrupted(edit: (dir: string) => void): { dirs: string[]; out: string } {
  n++;
  const [x, y] = [join(root, `x${n}`), join(root, `y${n}`)];
  cpSync(a, x, { recursive: true });
  cpSync(b, y, { recursive: true });
  edit(x);
  return { dirs: [x, y], out: join(root, `merged${n}`) };
}

const cellOf = (dir: string): string => join(dir, "cells", readdirSync(join(dir, "cells"))[0]!);
const manifestOf = (dir: string): string => join(dir, "shard-0-of-2.json");
// biome-ignore lint/suspicious/noExplicitAny: the test edits JSON of several shapes in place.
const editJson = (path: string, fn: (v: any) => unknown): void =>
  writeFileSync(path, JSON.stringify(fn(JSON.parse(readFileSync(path, "utf8")))));

describe("relutopo merge: malformed inputs", () => {
  it("should merge the untouched copies (the fixture is sound)", async () => {
    const { dirs, out } = corrupted(() => {});
    const r = await runCliInProcess(["merge", ...dirs, "--out", out]);
    expect(r.status).toBe(0);
    expect(existsSync(join(out, "run.json"))).toBe(true);
  });

  const cases: [string, (dir: string) => void, (dir: string) => RegExp][] = [
    [
      "a cell whose result is {}",
      (d) => editJson(cellOf(d), (c) => ({ ...c, result: {} })),
      (d) =>
        new RegExp(
          `^relutopo: invalid cell file\\. Must be a cell written by relutopo reproduce\\. Value: \`${cellOf(d)}\`\\. In field \`result\\.scheme\`: `,
        ),
    ],
    [
      "a cell whose rows hold a number where text belongs",
      (d) => editJson(cellOf(d), (c) => ({ ...c, result: { ...c.result, rows: [{ dIn: 1, l: 1, pNeuron: 0.5, pDisconnected: "1" }] } })),
      (d) =>
        new RegExp(
          `^relutopo: invalid cell file\\. Must be a cell written by relutopo reproduce\\. Value: \`${cellOf(d)}\`\\. In field \`result\\.rows\\[0\\]\\.pNeuron\`: `,
        ),
    ],
    [
      "a cell that is not JSON",
      (d) => writeFileSync(cellOf(d), '{"id": '),
      (d) => new RegExp(`^relutopo: invalid JSON file\\. Must be valid JSON\\. Value: \`${cellOf(d)}\`\\. `),
    ],
    [
      "a manifest that is null",
      (d) => writeFileSync(manifestOf(d), "null"),
      (d) =>
        new RegExp(
          `^relutopo: invalid manifest\\. Must be a run manifest written by relutopo reproduce\\. Value: \`${manifestOf(d)}\`\\. In the whole value: `,
        ),
    ],
    [
      "a manifest that is {}",
      (d) => writeFileSync(manifestOf(d), "{}"),
      (d) =>
        new RegExp(
          `^relutopo: invalid manifest\\. Must be a run manifest written by relutopo reproduce\\. Value: \`${manifestOf(d)}\`\\. In field \`config\`: `,
        ),
    ],
    [
      "a manifest whose seed is text",
      (d) => editJson(manifestOf(d), (m) => ({ ...m, config: { ...m.config, seed: "1" } })),
      (d) =>
        new RegExp(
          `^relutopo: invalid manifest\\. Must be a run manifest written by relutopo reproduce\\. Value: \`${manifestOf(d)}\`\\. In field \`config\\.seed\`: `,
        ),
    ],
    [
      "a manifest whose configuration was edited",
      (d) => editJson(manifestOf(d), (m) => ({ ...m, config: { ...m.config, probability: { ...m.config.probability, digits: 5 } } })),
      (d) =>
        new RegExp(
          `^relutopo: invalid manifest\\. Must be the manifest relutopo reproduce writes for probability, scale tiny, seed \\d+\\. Value: \`${manifestOf(d)}\`\\. In field \`config\`: not that configuration\\.`,
        ),
    ],
  ];
  for (const [what, edit, expected] of cases) {
    it(`should exit 2 with one line naming the file and the field, writing nothing, for ${what}`, async () => {
      const { dirs, out } = corrupted(edit);
      const r = await runCliInProcess(["merge", ...dirs, "--out", out]);
      expectBadInput(r);
      expect(r.stderr).toMatch(expected(dirs[0]!));
      expect(existsSync(out)).toBe(false);
    });
  }

  it("should exit 2 naming a regular file given among the shard directories, writing nothing", async () => {
    const file = join(root, "not-a-dir");
    writeFileSync(file, "x");
    const out = join(root, "merged-file");
    const r = await runCliInProcess(["merge", a, file, b, "--out", out]);
    expectBadInput(r);
    expect(r.stderr).toBe(`relutopo: invalid run directory. Must be a directory written by relutopo reproduce. Value: \`${file}\`.\n`);
    expect(existsSync(out)).toBe(false);
  });
});
