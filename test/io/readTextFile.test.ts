import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PathError } from "../../src/errors.js";
import { MAX_INPUT_BYTES } from "../../src/io/readBinaryFile.js";
import { readTextFile } from "../../src/io/readTextFile.js";

const root = mkdtempSync(join(tmpdir(), "relutopo-read-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("readTextFile", () => {
  it("should read a file up to the limit and refuse one byte more, naming the size and the limit", () => {
    const path = join(root, "ten.txt");
    writeFileSync(path, "0123456789");
    expect(readTextFile(path, { maxBytes: 10 })).toBe("0123456789");
    expect(() => readTextFile(path, { maxBytes: 9 })).toThrow(
      new PathError(path, "read", "it is 10 bytes, over the limit of 9 bytes", { field: "maxInputMib", change: "raise" }),
    );
  });

  it("should refuse a file over the default limit before reading it", () => {
    const path = join(root, "big.csv");
    writeFileSync(path, Buffer.alloc(MAX_INPUT_BYTES + 1, 0x31));
    expect(() => readTextFile(path)).toThrow(/^cannot read `.*big\.csv`: it is 16\.0 MiB \(16777217 bytes\), over the limit of 16\.0 MiB/);
  });

  it("should name a missing file and a directory", () => {
    expect(() => readTextFile(join(root, "nope"))).toThrow(new PathError(join(root, "nope"), "read", "no such file or directory"));
    expect(() => readTextFile(root)).toThrow(new PathError(root, "read", "it is a directory"));
  });
});
