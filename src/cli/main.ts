#!/usr/bin/env node
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Command, CommanderError } from "commander";
import { ConvergenceError, InputError, PathError, type FieldNamer } from "../errors.js";
import { COMMANDS } from "./commands/index.js";
import { addMaxInputMibOption, applyMaxInputMib } from "./commands/maxInputMibOption.js";
import { addNetworkReadFlags, applyNetworkReadFlags, flushNetworkNotices } from "./commands/networkReadFlags.js";
import type { Outcome, Settle } from "./outcome.js";

/**
 * Exit codes of `relutopo`, mapped here and nowhere else: 0 done; 1 a check
 * or claim failed (a verdict the command returned); 2 bad input (InputError,
 * PathError, a usage error of commander); 3 a computation that did not
 * converge (ConvergenceError); 70 anything else, a bug of relutopo.
 */
export const EXIT_DONE = 0;
export const EXIT_FAILED = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_NOT_CONVERGED = 3;
export const EXIT_INTERNAL = 70;

/** Commander's own exits that are not failures: help and version were printed. */
const COMMANDER_DONE = new Set(["commander.helpDisplayed", "commander.help", "commander.version"]);

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/**
 * The exit code of an error that ended a command.
 *
 * @param err - whatever the command threw
 * @returns 0 for commander's help and version, 2 for bad input and usage, 3 for ConvergenceError, 70 otherwise
 */
export function exitCodeOf(err: unknown): number {
  if (err instanceof CommanderError) return COMMANDER_DONE.has(err.code) ? EXIT_DONE : EXIT_BAD_INPUT;
  if (err instanceof InputError || err instanceof PathError) return EXIT_BAD_INPUT;
  if (err instanceof ConvergenceError) return EXIT_NOT_CONVERGED;
  return EXIT_INTERNAL;
}

/**
 * The one stderr line (without its newline) that reports an error, fields
 * renamed by `name` to the flags the user typed; empty for help and version.
 *
 * @param err - whatever the command threw
 * @param name - maps a library field (`steps`) to the running command's flag (`--steps`)
 * @example formatError(new ConvergenceError("gauss", "step length 20", "the stage equations diverge", { field: "steps", change: "raise" }), (f) => `--${f}`)
 * // returns "relutopo: gauss: the stage equations diverge at step length 20; raise --steps"
 */
export function formatError(err: unknown, name: FieldNamer): string {
  if (err instanceof CommanderError) return COMMANDER_DONE.has(err.code) ? "" : `relutopo: ${oneLine(err.message.replace(/^error: /, ""))}`;
  if (err instanceof InputError || err instanceof ConvergenceError) return `relutopo: ${oneLine(err.describe(name))}`;
  if (err instanceof PathError) return `relutopo: ${oneLine(err.describe(name))}`;
  const message = err instanceof Error ? err.message : String(err);
  return `relutopo: internal error: ${oneLine(message)} (please report this)`;
}

/**
 * Names a library field as the flag of `cmd` whose attribute it is (`steps` →
 * `--steps`, `dIn` → `--d-in`), or leaves it as it is when `cmd` has no such option.
 */
export function flagNamer(cmd: Command | undefined): FieldNamer {
  return (field) => cmd?.options.find((o) => o.attributeName() === field)?.long ?? field;
}

function quiet(cmd: Command): void {
  cmd.exitOverride().configureOutput({ outputError: () => {} });
  cmd.commands.forEach(quiet);
}

/** Runs `relutopo` on `argv` and returns its exit code; every failure is one line on stderr. */
export async function main(argv: readonly string[]): Promise<number> {
  let outcome: Outcome = { ok: true };
  let active: Command | undefined;
  const settle: Settle =
    (action) =>
    async (...args) => {
      outcome = (await action(...args)) ?? { ok: true };
    };
  const program = new Command("relutopo")
    .description("Exact conservation laws and invariant-set topology of gradient flow in homogeneous (ReLU-type) networks")
    .version("0.1.0")
    .showSuggestionAfterError(true)
    .hook("preAction", async (_program, command) => {
      active = command;
      await applyMaxInputMib(command);
      await applyNetworkReadFlags(command);
    });
  // A command named first on the line is the only one built: building all of them costs every
  // run milliseconds. Anything else (an option first, help, a mistyped name) gets them all, for
  // the listing and the suggestions.
  const named = argv[2] !== undefined && Object.hasOwn(COMMANDS, argv[2]) ? COMMANDS[argv[2]] : undefined;
  for (const register of named === undefined ? Object.values(COMMANDS) : [named]) register(program, settle);
  addMaxInputMibOption(program);
  addNetworkReadFlags(program);
  quiet(program);
  try {
    await program.parseAsync(argv);
    flushNetworkNotices();
    return outcome.ok ? EXIT_DONE : EXIT_FAILED;
  } catch (err) {
    const line = formatError(err, flagNamer(active));
    if (line !== "") process.stderr.write(`${line}\n`);
    return exitCodeOf(err);
  }
}

/** True when this file is the process's entry point (run as `relutopo`, through its bin link or directly), not imported. */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // A reader that closes the pipe early (`relutopo … | head`) wants no more output: stop quietly.
  // Any other failure to write stdout (a full disk) is one line, as every failure is.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") process.stderr.write(`relutopo: cannot write the output: ${oneLine(err.message)}\n`);
    process.exit(err.code === "EPIPE" ? EXIT_DONE : EXIT_BAD_INPUT);
  });
  // Ctrl-C, SIGTERM or SIGHUP between the steps of a command (loading, reading, writing: the runs that
  // hold the signals or run under `interruptible` answer it themselves) ends it with one line,
  // exit 3. A handler runs only between synchronous steps, so no file is left half-written.
  // (Not imported from ctrlC.ts: --version and --help load only the command registrations.)
  for (const name of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.on(name, () => {
      // a run that answers the signal itself (ctrlC.ts) has a listener of its own
      if (process.listenerCount(name) > 1) return;
      process.stderr.write(`relutopo: interrupted (${name === "SIGINT" ? "Ctrl-C" : name}) before the command finished\n`);
      process.exit(EXIT_NOT_CONVERGED);
    });
  const code = await main(process.argv);
  // Exit as soon as the output is out. Left to end by itself, Node first waits for V8's
  // background compilations of functions that will not run again: tens of milliseconds after
  // a long computation, more on a busy machine. Every command awaits its own work, so nothing
  // else is pending. A write that failed reports itself first (its error comes a tick later,
  // and the handler above ends the process), and output a pipe has not taken yet (writes to
  // pipes are asynchronous outside Linux) is waited for: a write's callback comes after the
  // writes before it ('drain' would come only past the stream's high-water mark).
  await new Promise((next) => setImmediate(next));
  for (const stream of [process.stdout, process.stderr])
    if (stream.writableLength > 0) await new Promise((written) => stream.write("", written));
  process.exit(code);
}
