import type { Command } from "commander";
import type { Settle } from "../outcome.js";

/** `relutopo demo`: a short tour of what relutopo computes, on the paper's toy obstruction. */
export function registerDemo(program: Command, settle: Settle): void {
  program
    .command("demo")
    .description("a short demonstration on the report's toy obstruction (two neurons, target |x|)")
    .action(settle(async () => (await import("../actions/demoAction.js")).demoAction()));
}
