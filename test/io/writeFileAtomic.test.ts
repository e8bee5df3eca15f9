import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PathError } from "../../src/errors.js";
import { writeFileAtomic } from "../../src/io/writeFileAtomic.js";

const root = mkdtempSync(join(tmpdir(), "relutopo-atomic-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const tree = (): string[] => (readdirSync(root, { recursive: true }) as string[]).sort();

describe("writeFileAtomic", () => {
  it("should write the whole text, creating the directory, and leave no temporary file", () => {
    const path = join(root, "sub", "out.csv");
    writeFileAtomic(path, "a,b\n1,2\n");
    writeFileAtomic(path, "a,b\n3,4\n");
    expect(readFileSync(path, "utf8")).toBe("a,b\n3,4\n");
    expect(tree()).toEqual(["sub", join("sub", "out.csv")]);
  });

  it("should throw a PathError and leave nothing behind for an empty path, a trailing slash, a directory or a path through a file", () => {
    // Arrange
    const file = join(root, "plain");
    writeFileSync(file, "keep");
    const before = tree();
    // Act, Assert
    for (const [path, reason] of [
      ["", "the path is empty"],
      [`${join(root, "newdir")}/`, "a file name must not end with a slash"],
      [join(root, "sub"), "it is a directory"],
      [join(file, "x.svg"), "a part of the path is not a directory"],
    ]) {
      let err: unknown;
      try {
        writeFileAtomic(path!, "text");
      } catch (e) {
        err = e;
      }
      expect(err, path).toBeInstanceOf(PathError);
      expect((err as PathError).reason, path).toBe(reason);
    }
    expect(tree()).toEqual(before);
    expect(readFileSync(file, "utf8")).toBe("keep");
  });

  it("should create several missing directory levels, and throw a PathError at once where a directory refuses new entries", () => {
    // Arrange: Node's recursive mkdir loops forever under /proc (ENOENT from a directory that exists)
    const deep = join(root, "a", "b", "c", "out.txt");
    // Act
    writeFileAtomic(deep, "x");
    let err: unknown;
    try {
      writeFileAtomic("/proc/relutopo-no-such/dir/out.txt", "x");
    } catch (e) {
      err = e;
    }
    // Assert
    expect(readFileSync(deep, "utf8")).toBe("x");
    expect(err).toBeInstanceOf(PathError);
    expect((err as PathError).path).toBe("/proc/relutopo-no-such/dir/out.txt");
  });
});
