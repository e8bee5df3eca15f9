import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import Fraction from "fraction.js";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import * as root from "../src/index.js";
import { exportedBarrels } from "./architecture/publicFiles.js";
import { readBinaryFile } from "../src/io/readBinaryFile.js";
import { readTextFile } from "../src/io/readTextFile.js";

/**
 * Every TSDoc `@example` in src/ is a test: `@example <code> // returns <value>`, the code possibly
 * over several comment lines (lines ending in ";" set up, the rest is the value), is run with the
 * public API (the root and every subpath the package exports), the file readers, `fc` (fast-check), `Fraction` (fraction.js), `z` (zod) and the
 * exports of its own module in scope, and must give the value: a JavaScript literal, optionally
 * followed by a remark in parentheses. `// throws Name "message"` says instead that it throws that
 * error class with that message, `…` standing for any text.
 */

interface DocExample {
  path: string;
  where: string;
  code: string;
  expected: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

/** The text of each `@example` block: its comment lines up to the next tag or the end of the comment. */
function examplesOf(path: string): DocExample[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const out: DocExample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = /^\s*\*\s*@example\s?(.*)$/.exec(lines[i] ?? "");
    if (start === null) continue;
    const parts = [start[1] ?? ""];
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j] ?? "";
      if (/^\s*\*\//.test(line) || /^\s*\*\s*@/.test(line)) break;
      parts.push(line.replace(/^\s*\*\s?/, "").replace(/\s*\*\/\s*$/, ""));
      if (/\*\//.test(line)) break;
    }
    const text = parts.join("\n").trim();
    const marker = /\/\/ (returns|throws)\b/.exec(text);
    const where = `${relative(process.cwd(), path)}:${i + 1}`;
    const code = marker === null ? text : text.slice(0, marker.index).trim();
    // "returns" is dropped, "throws" kept: the expectation reads `throws Name "message"`.
    const expected =
      marker === null ? "" : text.slice(marker.index + (marker[1] === "returns" ? "// returns".length : "// ".length)).trim();
    out.push({ path, where, code, expected });
  }
  return out;
}

/** The expected value: a literal, possibly followed by a remark in parentheses. */
function expectedValue(text: string): unknown {
  const candidates = [text, text.replace(/\s+\([^()]*(\([^()]*\)[^()]*)*\)\s*$/, "")];
  for (const c of candidates) {
    try {
      return new Function(`return (${c});`)();
    } catch {
      // not a literal as written: try without the remark
    }
  }
  throw new Error(`the value after "// returns" is not a JavaScript literal: ${text}`);
}

/** A value as plain JSON data: bigints as "123n", typed arrays as arrays, undefined kept. */
function comparable(value: unknown): unknown {
  if (value === undefined) return "undefined";
  return JSON.parse(
    JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `${v}n` : ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)),
  );
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<unknown>;
/** Every name the package exports, through the root or a subpath (`relutopo/net`, …): an example may use any of them. */
const api: Record<string, unknown> = {};
for (const barrel of exportedBarrels(join(process.cwd(), "src")))
  Object.assign(api, await import(/* @vite-ignore */ join(process.cwd(), "src", barrel)));
Object.assign(api, root);

/** The public API, the file readers, fast-check, fraction.js and zod, and the exports of the example's own module (internal ones included). */
async function scopeOf(path: string): Promise<Record<string, unknown>> {
  const own = (await import(/* @vite-ignore */ path)) as Record<string, unknown>;
  return { ...api, readBinaryFile, readTextFile, fc, Fraction, z, ...own };
}

const examples = sourceFiles(join(process.cwd(), "src")).flatMap(examplesOf);

describe("TSDoc @example", () => {
  it("should exist in the library", () => {
    expect(examples.length).toBeGreaterThan(20);
  });

  it.each(examples.map((e) => [e.where, e] as const))("%s should return what it says", async (_where, example) => {
    expect(example.expected, 'an @example needs `// returns <value>` or `// throws <Error> "message"`').not.toBe("");
    const scope = await scopeOf(example.path);
    // Lines ending in ";" are set-up statements; what follows the last of them is the value.
    const cut = example.code.lastIndexOf(";\n");
    const body = cut < 0 ? `return (${example.code});` : `${example.code.slice(0, cut + 1)}\nreturn (${example.code.slice(cut + 2)});`;
    const run = new AsyncFunction(...Object.keys(scope), body);
    const throws = /^throws (\w+)(?:\s+"([\s\S]*)")?$/.exec(example.expected);
    if (throws !== null) {
      const error = await run(...Object.values(scope)).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error, "the example should throw").toBeInstanceOf(Error);
      expect((error as Error).name).toBe(throws[1]);
      if (throws[2] !== undefined) {
        const pattern = throws[2].split("…").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
        expect((error as Error).message).toMatch(new RegExp(`^${pattern.join("[\\s\\S]*")}$`));
      }
      return;
    }
    const actual = await run(...Object.values(scope));
    expect(comparable(actual)).toEqual(comparable(expectedValue(example.expected)));
  });
});
