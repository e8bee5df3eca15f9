import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { BUILTIN_CLAIMS } from "../../src/claims/index.js";
import { EXPERIMENTS } from "../../src/experiments/index.js";

// Numbers a document states about the code go stale when the code grows: each is read back
// from the documents here and compared with what the code holds.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DOCS = [
  "README.md",
  "CONTRIBUTING.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`),
];
const text = (doc: string): string => readFileSync(join(ROOT, doc), "utf8").replace(/\s+/g, " ");
const WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
/** "5" or "five" as a number. */
const numberOf = (word: string): number => (/^\d+$/.test(word) ? Number(word) : WORDS.indexOf(word.toLowerCase()));
const NUMBER = `(\\d+|${WORDS.join("|")})`;

/** Every `(doc, number)` a pattern (whose first group is the number) finds in the documents. */
function stated(pattern: string): { doc: string; value: number }[] {
  return DOCS.flatMap((doc) => [...text(doc).matchAll(new RegExp(pattern, "gi"))].map((m) => ({ doc, value: numberOf(m[1]!) })));
}

describe("numbers the documents state", () => {
  it("should give the size of the built-in claim library as it is", () => {
    const claims = stated(`built-in (?:claim )?library[^.]*?\\b${NUMBER} claims`);
    expect(claims.length).toBeGreaterThan(0);
    for (const { doc, value } of claims) expect(value, doc).toBe(BUILTIN_CLAIMS.length);
  });

  it("should split the library into theorems and false claims as the tags do", () => {
    const theorems = BUILTIN_CLAIMS.filter((c) => c.tag === "theorem").length;
    const statedTheorems = stated(`\\b${NUMBER} theorems\\b`);
    const statedFalse = stated(`\\b${NUMBER} false claims\\b`);
    expect(statedTheorems.length).toBeGreaterThan(0);
    expect(statedFalse.length).toBeGreaterThan(0);
    for (const { doc, value } of statedTheorems) expect(value, doc).toBe(theorems);
    for (const { doc, value } of statedFalse) expect(value, doc).toBe(BUILTIN_CLAIMS.length - theorems);
  });

  it("should count the experiments `reproduce` runs as reproduceConfig does", () => {
    const counts = stated(`\\b${NUMBER} experiments\\b`);
    expect(counts.length).toBeGreaterThan(0);
    for (const { doc, value } of counts) expect(value, doc).toBe(EXPERIMENTS.length);
  });

  it("should list the experiments `reproduce` knows, in reproduceConfig's order", () => {
    const cli = /Experiments: ((?:`[\w-]+`, )*`[\w-]+`) or `all`/.exec(text("docs/cli.md"));
    expect(cli?.[1]?.match(/[\w-]+/g)).toEqual([...EXPERIMENTS]);
    const theory = text("docs/theory.md");
    const section = theory.slice(theory.indexOf("## 6."), theory.indexOf("## 7."));
    expect([...section.matchAll(/\d\. \*\*[^*]+\*\* \(`([\w-]+)`/g)].map((m) => m[1])).toEqual([...EXPERIMENTS]);
  });
});
