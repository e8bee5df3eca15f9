import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { runCliInProcess } from "../helpers/runCli.js";

// Every command a reader can copy from README.md or docs/*.md must run as written
// from the root of a clone. Each document's commands run in order (later ones may
// read what earlier ones wrote) in a fresh temporary directory that links the
// repository's examples/ and data/, so relative inputs resolve and outputs stay
// out of the repository. Only the program name is rewritten, to the built CLI. The
// tiny `reproduce` runs and `merge` (REPORT_COMMANDS) run once, in test/cli/reproduce.test.ts,
// which also checks the reports they write.

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const MAIN = join(ROOT, "dist", "cli", "main.js");
/** README.md and every document of docs/. */
export const DOCS = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `docs/${f}`),
];
export const read = (doc: string): string => readFileSync(join(ROOT, doc), "utf8");

/** The lines of every fenced code block of a Markdown text. */
export function fencedLines(text: string): string[][] {
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

export const PROGRAM = /^(?:npx )?relutopo(?=\s|$)/;
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
  if (!/['"]/.test(words))
    return words
      .trim()
      .split(/\s+/)
      .filter((w) => w !== "");
  const split = spawnSync("sh", ["-c", `printf '%s\\0' ${words}`], { encoding: "utf8" });
  expect(split.status).toBe(0);
  return split.stdout.split("\0").slice(0, -1);
}

/**
 * The documents' `reproduce … --scale tiny` and `merge` lines, each once, in the order the documents
 * give them. test/cli/reproduce.test.ts runs them as written, in a directory like the one below,
 * and checks the reports they write against each other (the command reference's tiny run of every
 * experiment is its reference run): the documents' tests here do not run them a second time.
 */
export const REPORT_COMMANDS: readonly string[] = [
  ...new Set(
    DOCS.flatMap((doc) => commandsOf(read(doc))).filter(
      (line) => /^(?:npx )?relutopo (?:reproduce \S+ (?:.* )?--scale tiny\b|merge )/.test(line) && !SHELL_SYNTAX.test(line),
    ),
  ),
];

/** A fresh directory that links the repository's examples/ and data/, as a reader's clone has them. */
export function documentDirectory(): string {
  const cwd = mkdtempSync(join(tmpdir(), "relutopo-docs-"));
  for (const dir of ["examples", "data"]) symlinkSync(join(ROOT, dir), join(cwd, dir), "dir");
  return cwd;
}

/** The arguments of a document's `relutopo …` line that needs no shell, as a shell passes them. */
export function documentArguments(line: string): string[] {
  const args = PROGRAM.test(line) ? simpleArguments(line.replace(PROGRAM, "")) : null;
  if (args === null) throw new Error(`not a relutopo command line that runs without a shell: ${line}`);
  return args;
}

/**
 * Whether a command line reads only the repository's inputs and writes nothing (no `out/`,
 * no output option, no redirection, no `mkdir`): run anywhere, it does the same, so one run of
 * it stands for every document that shows it.
 */
const sharable = (line: string): boolean => PROGRAM.test(line) && !/\bout\/|--out\b|--save\b|--plot\b|>/.test(line);

/**
 * Runs every command of `doc`, in order, each with exit code 0, in a fresh directory that links
 * examples/ and data/ (but the {@link REPORT_COMMANDS}, which test/cli/reproduce.test.ts runs);
 * checks that the document has commands to run at all.
 *
 * @param doc - a document, root-relative (`docs/cli.md`)
 * @param shared - the command lines that read only the repository's inputs and write nothing, run
 *   by an earlier document of the same test file: such a line runs once per file
 */
export function describeDocumentCommands(doc: string, shared: Set<string> = new Set()): void {
  describe(`${doc}: its commands`, () => {
    const all = commandsOf(read(doc));
    const commands = all.filter((line) => !(sharable(line) && shared.has(line)) && !REPORT_COMMANDS.includes(line));
    for (const line of all) if (sharable(line)) shared.add(line);
    let cwd = "";
    beforeAll(() => {
      cwd = documentDirectory();
    });

    it("should have examples to run", () => {
      expect(all.filter((c) => PROGRAM.test(c)).length).toBeGreaterThan(0);
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
  });
}
