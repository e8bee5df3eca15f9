import type { Command } from "commander";
import { join } from "node:path";
import { InputError } from "../../errors.js";
import type { ClaimVerdict } from "../../claims/checkClaim.js";
import { intOption, printJson } from "../options.js";
import { addMaxSecondsOption, DEFAULT_MAX_SECONDS } from "./maxSecondsOption.js";
import type { Outcome, Settle } from "../outcome.js";

/**
 * The cost of `check`, whole-process CPU seconds on one core (Node 20): loading the claims, a
 * part per claim (a false claim is refuted in a few cases and shrunk, whatever --runs) and a part
 * per random case, the mean over the built-in library (37 claims). The machines it is measured on
 * differ by more than the ±30 % the estimate aims at: `check --all` at 100 runs took 18.8 s of
 * CPU on the one the parts were first fitted on (6.2 and 10.7 s at 10 and 40 runs, each within
 * 4 % of the fit), 15.4 s on a later one and 10.8 s on a third (3.9 and 6.8 s at 10 and 40 runs).
 * On the third, a second run took 9.5 s. The parts are the first fit's scaled by 0.6, which puts
 * the third at 0.82–0.94 of the estimate (and the second at 1.33). A user's heavier claim is
 * caught at run time, when its measured cost projects past the cap.
 */
const SECONDS_TO_LOAD = 0.4;
const SECONDS_PER_CLAIM = 0.0742;
const SECONDS_PER_CASE = 0.00227;

interface CheckOptions {
  maxSeconds?: string;
  claim: string[];
  all?: boolean;
  file?: string;
  runs: string;
  seed: string;
  path?: string;
  save?: string;
  json?: boolean;
}

/** A shell word: bare when safe, double-quoted JSON otherwise. */
function word(text: string): string {
  return /^[A-Za-z0-9._/:=-]+$/.test(text) ? text : JSON.stringify(text);
}

/**
 * The command that reruns one verdict: the same cases on a pass, exactly the failing case
 * on a refutation or a throw. `npx relutopo` runs as written in the repository clone and
 * wherever relutopo is installed.
 */
function replayCommand(v: ClaimVerdict, runs: number, file: string | undefined): string {
  const parts = ["npx", "relutopo", "check", "--claim", word(v.name)];
  if (file !== undefined) parts.push("--file", word(file));
  parts.push("--seed", String(v.seed));
  // a replay runs the one case at --seed and --path, whatever --runs says
  const path = v.replayed ?? (v.verdict !== "pass" ? v.path : undefined);
  if (path !== undefined) parts.push("--path", path);
  else parts.push("--runs", String(runs));
  return parts.join(" ");
}

/** One claim's verdict as the `--json` object (no timings: the same seed gives the same bytes). */
function verdictJson(v: ClaimVerdict, runs: number, file: string | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: v.name,
    tag: v.tag,
    statement: v.statement,
    verdict: v.verdict,
    runs: v.runs,
    skipped: v.skipped,
    seed: v.seed,
    asTagged: v.asTagged,
  };
  if (v.replayed !== undefined) out.replayed = v.replayed;
  if (v.verdict === "refuted") {
    out.counterexample = v.witness;
    out.reason = v.reason;
    out.path = v.path;
    out.shrinks = v.shrinks;
  } else if (v.verdict === "error") {
    if (v.path !== undefined) out.counterexample = v.witness;
    out.reason = v.reason;
    if (v.path !== undefined) {
      out.path = v.path;
      out.shrinks = v.shrinks;
    }
  }
  out.replay = replayCommand(v, runs, file);
  return out;
}

function selectClaims(all: readonly string[], names: readonly string[], source: string): string[] {
  if (names.length === 0) return [...all];
  return names.map((name) => {
    if (!all.includes(name))
      throw new InputError({ field: "--claim", expected: `one of the claims of ${source} (${all.join(", ")})`, value: name });
    return name;
  });
}

/**
 * The cap on loading a claim module: that of `--max-seconds`, or the default when the option
 * is missing or malformed (enforceWorkCap reports a malformed one after loading, as it did).
 */
function loadCap(maxSeconds: string | undefined): number {
  const v = Number(maxSeconds?.trim() || Number.NaN);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_MAX_SECONDS;
}

/** A file name from a claim name: letters, digits, dot, dash and underscore. */
function fileStem(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, "_");
}

/** `relutopo check`: property-test claims (the built-in library or a user module) and report shrunk counterexamples. */
export function registerCheck(program: Command, settle: Settle): void {
  const command = program
    .command("check")
    .description(
      "property-test claims about homogeneous networks with fast-check: theorems should pass, false claims should be refuted with a small counterexample",
    )
    .option(
      "--claim <name>",
      "a claim to check (repeatable); default: every claim of the source",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option("--all", "check every claim of the source (the default)")
    .option("--file <module>", "a .ts/.mts/.js/.mjs module exporting claims, checked instead of the built-in library")
    .option("--runs <N>", "random cases per claim", "100")
    .option("--seed <S>", "fast-check seed (32-bit integer)", "1")
    .option("--path <P>", "replay path of a counterexample (with a single --claim and its seed): runs exactly that case, once")
    .option(
      "--save <dir>",
      "write every network and data set of each refuted claim's counterexample: <dir>/<claim>.json and .csv under `net`/`data`, <dir>/<claim>.<key path>.json/.csv elsewhere",
    )
    .option("--json", "print JSON");
  addMaxSecondsOption(command).action(
    settle(async (opts: CheckOptions): Promise<Outcome> => {
      // The claims, fast-check and the library load in the checking worker, not for every relutopo command.
      const [
        { openClaimSession },
        { writeFileAtomic },
        { checkOutputPath },
        { progressBar },
        { workEstimate },
        { enforceWorkCap },
        { ctrlC },
        { counterexampleFiles },
      ] = await Promise.all([
        import("../_internals/openClaimSession.js"),
        import("../../io/writeFileAtomic.js"),
        import("../../io/checkOutputPath.js"),
        import("../progress.js"),
        import("../../work/workEstimate.js"),
        import("../enforceWorkCap.js"),
        import("../_internals/ctrlC.js"),
        import("../../claims/counterexampleFiles.js"),
      ]);
      const runs = intOption(opts.runs, "--runs", 1, 1_000_000);
      const seed = intOption(opts.seed, "--seed", -(2 ** 31), 2 ** 31 - 1);
      if (opts.all && opts.claim.length > 0)
        throw new InputError({ field: "options", expected: "either --all or --claim, not both", value: `--all --claim ${opts.claim[0]}` });
      if (opts.path !== undefined) {
        if (!/^\d+(:\d+)*$/.test(opts.path))
          throw new InputError({ field: "--path", expected: 'numbers separated by colons, as printed in "replay"', value: opts.path });
        if (opts.claim.length !== 1)
          throw new InputError({ field: "--path", expected: "given with exactly one --claim", value: opts.path });
      }
      // The counterexamples' directory is checked before any claim runs.
      if (opts.save !== undefined) checkOutputPath(opts.save, "dir");
      // The claims run in a worker thread stopped at the cap: a case that never returns cannot hang the command.
      const session = await openClaimSession(opts.file, loadCap(opts.maxSeconds));
      let verdicts: ClaimVerdict[];
      try {
        const names = selectClaims(session.names, opts.claim, opts.file === undefined ? "the built-in library" : `\`${opts.file}\``);
        // A replay runs one case per claim; otherwise every claim draws `runs` cases.
        const cases = opts.path === undefined ? runs : 1;
        const work = workEstimate(
          SECONDS_TO_LOAD + names.length * (SECONDS_PER_CLAIM + cases * SECONDS_PER_CASE),
          1,
          `${names.length} claim(s) × ${cases} case(s)`,
        );
        const cap = enforceWorkCap(work, opts.maxSeconds);
        const bar = progressBar(names.length, "check", work.seconds);
        const interrupt = ctrlC();
        // The estimate assumes the built-in claims' mean cost per case; a heavier claim is caught at
        // run time: each claim gets what is left of the cap and stops (exit 3) when it projects past it.
        try {
          verdicts = await session.check(
            names,
            { runs, seed, path: opts.path, capSeconds: cap },
            (done) => bar.update(done),
            interrupt.signal,
          );
        } finally {
          interrupt.dispose();
          bar.stop();
        }
      } finally {
        session.close();
      }
      const ok = verdicts.every((v) => v.asTagged);
      const saved = new Map<string, string[]>();
      if (opts.save !== undefined) {
        for (const v of verdicts) {
          if (v.verdict !== "refuted") continue;
          // every network and data set of the counterexample, one file per key path (`net`, `data` and a
          // counterexample that is a network itself keep the plain names)
          const files = counterexampleFiles(v.witness).map((f) => {
            const plain = f.key === "" || f.key === "net" || f.key === "data";
            const stem = plain ? fileStem(v.name) : `${fileStem(v.name)}.${fileStem(f.key)}`;
            const path = join(opts.save!, `${stem}.${f.kind === "net" ? "json" : "csv"}`);
            writeFileAtomic(path, f.text);
            return path;
          });
          saved.set(v.name, files);
        }
      }
      if (opts.json) {
        printJson({
          runs,
          seed,
          ok,
          claims: verdicts.map((v) => ({ ...verdictJson(v, runs, opts.file), ...(saved.has(v.name) ? { saved: saved.get(v.name) } : {}) })),
        });
      } else {
        for (const v of verdicts) {
          printVerdict(v, runs, opts.file);
          const files = saved.get(v.name);
          if (files === undefined) continue;
          console.log(
            files.length > 0
              ? `      saved: ${files.join(", ")}`
              : "      saved: nothing, the counterexample holds no network (activation with W1/W2 or layers) and no data set (CSV text)",
          );
        }
        const theorems = verdicts.filter((v) => v.tag === "theorem");
        const falses = verdicts.filter((v) => v.tag === "false");
        const errors = verdicts.filter((v) => v.verdict === "error").length;
        const errorNote = errors === 0 ? "" : `, ${errors} could not be checked`;
        const cases = opts.path === undefined ? `${runs} cases each, seed ${seed}` : `the one case at seed ${seed}, path ${opts.path}`;
        console.log(
          `${theorems.filter((v) => v.asTagged).length}/${theorems.length} theorems passed, ${falses.filter((v) => v.asTagged).length}/${falses.length} false claims refuted${errorNote} (${cases})`,
        );
      }
      return { ok };
    }),
  );
}

function printVerdict(v: ClaimVerdict, runs: number, file: string | undefined): void {
  const mark = v.asTagged ? "ok " : "BAD";
  if (v.verdict === "pass") {
    console.log(
      v.replayed === undefined
        ? `${mark} ${v.tag.padEnd(7)} ${v.name}: passed ${v.runs} cases`
        : `${mark} ${v.tag.padEnd(7)} ${v.name}: the replayed case (seed ${v.seed}, path ${v.replayed}) passed; nothing else was run`,
    );
    if (v.replayed !== undefined) console.log(`      replay: ${replayCommand(v, runs, file)}`);
    return;
  }
  if (v.verdict === "error") {
    console.log(`${mark} ${v.tag.padEnd(7)} ${v.name}: error, could not be checked: ${v.reason}`);
    if (v.path === undefined) return;
    console.log(`      case: ${JSON.stringify(v.witness)}`);
    console.log(`      replay: ${replayCommand(v, runs, file)}`);
    return;
  }
  console.log(
    v.replayed === undefined
      ? `${mark} ${v.tag.padEnd(7)} ${v.name}: refuted after ${v.runs} case(s), ${v.shrinks} shrink(s): ${v.reason}`
      : `${mark} ${v.tag.padEnd(7)} ${v.name}: the replayed case (seed ${v.seed}, path ${v.replayed}) fails: ${v.reason}`,
  );
  console.log(`      counterexample: ${JSON.stringify(v.witness)}`);
  console.log(`      replay: ${replayCommand(v, runs, file)}`);
}
