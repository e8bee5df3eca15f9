import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PathError } from "../../src/errors.js";
import { checkOutputPath, type OutputKind } from "../../src/io/checkOutputPath.js";

const root = mkdtempSync(join(tmpdir(), "relutopo-outpath-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const file = join(root, "a-file");
writeFileSync(file, "x");
const dir = join(root, "a-dir");
mkdirSync(dir);

/** Every entry under `root`, recursively, sorted: what a check must leave unchanged. */
function tree(): string[] {
  return (readdirSync(root, { recursive: true }) as string[]).sort();
}

function reason(path: string, kind: OutputKind): string | undefined {
  try {
    checkOutputPath(path, kind);
    return undefined;
  } catch (err) {
    expect(err).toBeInstanceOf(PathError);
    expect((err as PathError).path).toBe(path);
    expect((err as PathError).action).toBe("write");
    return (err as PathError).reason;
  }
}

describe("checkOutputPath", () => {
  it("should refuse every path that cannot be written as asked, naming it, and create nothing", () => {
    // Arrange
    const before = tree();
    const cases: [string, OutputKind, string][] = [
      ["", "file", "the path is empty"],
      ["", "dir", "the path is empty"],
      ["  ", "dir", "the path is empty"],
      [`${join(root, "newdir")}/`, "file", "a file name must not end with a slash"],
      [join(file, "map.svg"), "file", "a part of the path is not a directory"],
      [join(file, "deeper", "out"), "dir", "a part of the path is not a directory"],
      [dir, "file", "it is a directory"],
      [file, "dir", "it exists and is not a directory"],
    ];
    // Act, Assert
    for (const [path, kind, expected] of cases) expect(reason(path, kind), `${kind} ${JSON.stringify(path)}`).toBe(expected);
    expect(tree()).toEqual(before);
  });

  it("should accept a writable existing target and an absent one below a writable directory, creating nothing", () => {
    const before = tree();
    for (const [path, kind] of [
      [file, "file"],
      [dir, "dir"],
      [join(dir, "new.svg"), "file"],
      [join(dir, "x", "y", "z"), "dir"],
      [join(dir, "x", "y", "z.csv"), "file"],
      [`${join(dir, "trailing")}/`, "dir"],
    ] as [string, OutputKind][])
      expect(reason(path, kind), path).toBeUndefined();
    expect(tree()).toEqual(before);
  });
});
