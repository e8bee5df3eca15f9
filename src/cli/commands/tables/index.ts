import type { Command } from "commander";

/** Every `relutopo table <name>` subcommand. Each table file adds itself here. */
export const TABLES: ReadonlyArray<(table: Command) => void> = [];
