import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/runCli.js";

// Every command a reader can copy from README.md or docs/*.md must run as written
// from the root of a clone. Each document's commands run in order (later ones may
// read what earlier ones wrote) in a fresh temporary directory that links the
// repository's examples/ and data/, so relative inputs resolve and outputs stay
// out of the repository. Only the program name is rewritten, to the built CLI.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MAIN = join(ROOT, "dist", "cli", "main.js");
const DOCS = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`),
];
const read = (doc: string): string => readFileSync(join(ROOT, doc), "utf8");

/** The lines of every fenced code block of a Markdown text. */
function fencedLines(text: string): string[][] {
  const blocks: string[][] = [];
  let current: string[] | null = null;
  for (const line of text.split("\n")) {
    if (/^\s*```/.test(line)) {
      if (current === null) current = [];
      else {
        blocks.push(current);
        current = null;
      }
    } else if (current !== null) current.push(line);
  }
  return blocks;
}

const PROGRAM = /^(?:npx )?relutopo(?=\s|$)/;
/** Command lines of a document: `relutopo …` or `npx relutopo …`, and the `mkdir -p` set-up lines the walkthroughs ask for. */
function commandsOf(text: string): string[] {
  return fencedLines(text)
    .flat()
    .map((l) => l.trim())
    .filter((l) => PROGRAM.test(l) || /^mkdir -p /.test(l));
}

/** Shell syntax beyond words and quotes: a pipe, redirection, list, substitution, variable or glob. */
const SHELL_SYNTAX = /[|&;<>()`$*?[\]{}~\\#]/;

/**
 * The arguments a shell passes for `words` (the command line after the program name), or null
 * when the line needs a shell (a redirection, a pipe, …): those lines run through `sh`, the others
 * in-process (test/helpers/runCli.ts), split into words by `sh` itself when they hold quotes.
 */
function simpleArguments(words: string): string[] | null {
  if (SHELL_SYNTAX.test(words.replace(/'[^']*'|"[^"$`\\]*"/g, ""))) return null;
  if (!/['"]/.test(words)) return words.trim().split(/\s+/).filter((w) => w !== "");
  const split = spawnSync("sh", ["-c", `printf '%s\\0' ${words}`], { encoding: "utf8" });
  expect(split.status).toBe(0);
  return split.stdout.split("\0").slice(0, -1);
}

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
  const text = read(doc);
  const commands = commandsOf(text);
  let cwd = "";
  beforeAll(() => {
    cwd = mkdtempSync(join(tmpdir(), "relutopo-docs-"));
    for (const dir of ["examples", "data"]) symlinkSync(join(ROOT, dir), join(cwd, dir), "dir");
  });

  it("should have examples to run", () => {
    expect(commands.filter((c) => PROGRAM.test(c)).length).toBeGreaterThan(0);
  });

  // Generous: a long example should be shortened in its document, not fail here on a busy machine.
  it.each(commands)("should run `%s` with exit code 0", { timeout: 300_000 }, async (line) => {
    const args = PROGRAM.test(line) ? simpleArguments(line.replace(PROGRAM, "")) : null;
    const r =
      args === null
        ? spawnSync("sh", ["-c", line.replace(PROGRAM, () => `"${process.execPath}" "${MAIN}"`)], {
            cwd,
            encoding: "utf8",
            env: { ...process.env, CI: "true" },
          })
        : await runCliInProcess(args, { cwd });
    expect(r.status, `${line}\n${r.stderr}`).toBe(0);
  });

  it("should mention only paths that exist in the repository, and link only to existing headings", () => {
    expectCitationsToExist(doc);
  });
});
