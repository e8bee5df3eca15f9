import { existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { DOCS, ROOT, describeDocumentCommands, fencedLines, read } from "./documentCommands.js";

// What the documents cite exists, and every command of theirs runs (test/docs/documentCommands.ts).
// docs/cli.md, the longest, runs in cliCommands.test.ts, so that two workers share the documents.
const OWN_FILE = new Set(["docs/cli.md"]);

/** The slug GitHub gives a heading, which is what `#anchor` links point to. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}
const anchorsOf = (text: string): Set<string> =>
  new Set(text.split("\n").flatMap((l) => (/^#{1,6} /.test(l) ? [slug(l.replace(/^#+ /, ""))] : [])));

const REPO_PATH = /(?<![\w./$<-])((?:examples|data|src|test|docs|bench|proofs|scripts)\/[\w./-]*\w)(?![\w*<])/g;
/** Repository paths a document mentions (root-relative), and its relative links (resolved against the document). */
function pathsOf(doc: string, text: string): { paths: string[]; links: { target: string; anchor: string | null }[] } {
  const paths = [...new Set([...text.matchAll(REPO_PATH)].map((m) => m[1]!))];
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((t) => !/^[a-z]+:/.test(t))
    .map((t) => {
      const [file, anchor] = t.split("#") as [string, string | undefined];
      return { target: file === "" ? doc : relative(ROOT, join(ROOT, dirname(doc), file)), anchor: anchor ?? null };
    });
  return { paths, links };
}

/** Every repository path a document mentions exists, and every relative link reaches a file and, for Markdown, a heading. */
function expectCitationsToExist(doc: string): void {
  const { paths, links } = pathsOf(doc, read(doc));
  expect(paths.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  const broken = links.filter(({ target, anchor }) => {
    if (!existsSync(join(ROOT, target))) return true;
    return anchor !== null && target.endsWith(".md") && !anchorsOf(read(target)).has(anchor);
  });
  expect(broken).toEqual([]);
}

// Documents without commands of their own: what they cite must exist all the same.
describe.each(["CONTRIBUTING.md", "examples/README.md", "data/README.md"])("%s", (doc) => {
  it("should mention only paths that exist in the repository, and link only to existing headings", () => {
    expectCitationsToExist(doc);
  });
});

describe("README set-up", () => {
  it("should open with exactly `npm ci && npm start` and `npm test`", () => {
    expect(fencedLines(read("README.md"))[0]).toEqual(["npm ci && npm start", "npm test"]);
  });
});

describe.each(DOCS)("%s", (doc) => {
  it("should mention only paths that exist in the repository, and link only to existing headings", () => {
    expectCitationsToExist(doc);
  });
});

// A command that reads only the repository's inputs and writes nothing runs once, for the first document that shows it.
const shared = new Set<string>();
for (const doc of DOCS.filter((d) => !OWN_FILE.has(d))) describeDocumentCommands(doc, shared);
