#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { InputError } from "../errors.js";
import { COMMANDS } from "./commands/index.js";

/** Exit codes: 0 success, 1 a check failed, 2 bad input. */
export const EXIT_BAD_INPUT = 2;

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

function buildProgram(): Command {
  const program = new Command("relutopo")
    .description("Exact conservation laws and invariant-set topology of gradient flow in homogeneous (ReLU-type) networks")
    .version("0.1.0")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: () => {} });
  for (const register of COMMANDS) register(program);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ outputError: () => {} });
  return program;
}

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    // A command whose check failed (e.g. `check` with a refuted theorem) sets process.exitCode = 1.
    return process.exitCode === 1 ? 1 : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") return 0;
      process.stderr.write(`relutopo: ${oneLine(err.message.replace(/^error: /, ""))}\n`);
      return EXIT_BAD_INPUT;
    }
    if (err instanceof InputError) {
      process.stderr.write(`relutopo: ${oneLine(err.message)}\n`);
      return EXIT_BAD_INPUT;
    }
    process.stderr.write(`relutopo: internal error: ${oneLine(err instanceof Error ? err.message : String(err))}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv);
