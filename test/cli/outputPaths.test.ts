import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { expectBadInput, runCliInProcess } from "../helpers/runCli.js";

// Every output path is checked before any work starts: a path that cannot be
// written ends the command with exit 2, one stderr line naming the path, and
// nothing written anywhere (no file, no directory, no temporary file).
const root = mkdtempSync(join(tmpdir(), "relutopo-outpaths-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const file = join(root, "a-file");
writeFileSync(file, "keep");
const dir = join(root, "a-dir");
mkdirSync(dir);
/** A directory that holds nothing but is a valid shard directory name for merge's inputs. */
const shard = join(root, "shard");
mkdirSync(shard);

const tree = (): string[] => (readdirSync(root, { recursive: true }) as string[]).sort();

const PROBABILITY = ["table", "probability", "--init", "xavier-normal", "--d-in", "1", "--width", "1"];

const cases: [string, string[], string][] = [
  [
    "reproduce --out below a regular file",
    ["reproduce", "probability", "--scale", "tiny", "--out", join(file, "out")],
    "a part of the path is not a directory",
  ],
  ["reproduce --out ''", ["reproduce", "probability", "--scale", "tiny", "--out", ""], "the path is empty"],
  ["merge --out below a regular file", ["merge", shard, "--out", join(file, "merged")], "a part of the path is not a directory"],
  ["merge --out ''", ["merge", shard, "--out", ""], "the path is empty"],
  ["check --save onto an existing file", ["check", "--runs", "1", "--save", file], "it exists and is not a directory"],
  ["check --save below a regular file", ["check", "--runs", "1", "--save", join(file, "saved")], "a part of the path is not a directory"],
  ["check --save ''", ["check", "--runs", "1", "--save", ""], "the path is empty"],
  ["table probability --plot onto a directory", [...PROBABILITY, "--plot", dir], "it is a directory"],
  ["table probability --plot ''", [...PROBABILITY, "--plot", ""], "the path is empty"],
  ["table probability --plot newdir/", [...PROBABILITY, "--plot", `${join(root, "newdir")}/`], "a file name must not end with a slash"],
  [
    "table probability --plot below a regular file",
    [...PROBABILITY, "--plot", join(file, "deeper", "map.svg")],
    "a part of the path is not a directory",
  ],
];

describe("relutopo: output paths that cannot be written", () => {
  for (const [what, args, reason] of cases) {
    it(`should exit 2 with one line naming the path and write nothing for ${what}`, async () => {
      // Arrange
      const before = tree();
      const path = args[args.length - 1]!;
      // Act: run inside root, so that a path relative to the working directory would show up too.
      const r = await runCliInProcess(args, { cwd: root });
      // Assert
      expectBadInput(r);
      expect(r.stderr).toBe(`relutopo: cannot write \`${path}\`: ${reason}\n`);
      expect(tree()).toEqual(before);
    });
  }

  it("should still write the heat map to a new directory when the path is good", async () => {
    const plot = join(root, "made", "here", "map.svg");
    const r = await runCliInProcess([...PROBABILITY, "--plot", plot], { cwd: root });
    expect(r.status).toBe(0);
    expect(readdirSync(join(root, "made", "here"))).toEqual(["map.svg"]);
    rmSync(join(root, "made"), { recursive: true });
  });
});

describe("standard output that cannot take the output", () => {
  const main = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
  const bigRun = `"${process.execPath}" "${main}" flow --net examples/toy.json --data examples/toy.csv --time 1 --digits 20 --samples 500 --json`;
  const cwd = fileURLToPath(new URL("../..", import.meta.url));
  const errDir = mkdtempSync(join(tmpdir(), "relutopo-stdout-"));
  afterAll(() => rmSync(errDir, { recursive: true, force: true }));

  it("should stop quietly, exit 0, when the reader closes the pipe early (relutopo … | head)", () => {
    // Act: about 300 KB of JSON, several times what a pipe holds (64 KB), into a reader that takes 10 bytes
    const r = spawnSync("bash", ["-c", `${bigRun} 2>"${join(errDir, "epipe.err")}" | head -c 10 >/dev/null; echo "\${PIPESTATUS[0]}"`], {
      cwd,
      encoding: "utf8",
    });
    // Assert
    expect(r.stdout.trim()).toBe("0");
    expect(readFileSync(join(errDir, "epipe.err"), "utf8")).toBe("");
  });

  it("should fail with exit 2 and one line on a device that is full", () => {
    const r = spawnSync("bash", ["-c", `${bigRun} >/dev/full`], { cwd, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^relutopo: cannot write the output: ENOSPC[^\n]*\n$/);
  });
});
