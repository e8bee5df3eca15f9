import type { Command } from "commander";
import type { Settle } from "../outcome.js";
import { TABLES } from "./tables/index.js";

/** `relutopo table <name>`: exact tables as md, csv, json or tex. */
export function registerTable(program: Command, settle: Settle): void {
  const table = program.command("table").description("exact tables (Markdown, CSV, JSON or LaTeX)");
  for (const register of TABLES) register(table, settle);
}
