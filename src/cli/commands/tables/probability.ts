import type { Command } from "commander";
import { DEFAULT_TABLE_SAMPLES, MAX_PROBABILITY_DIGITS } from "../../../probability/probabilityLimits.js";
import { PROBABILITY_QUANTITIES } from "../../../report/probabilityQuantities.js";
import type { TableProbabilityOptions } from "../../actions/probabilityTableAction.js";
import { addMaxSecondsOption } from "../maxSecondsOption.js";
import type { Settle } from "../../outcome.js";
import { addInitOptions, D_IN_HELP } from "../probability.js";

/** `relutopo table probability`: the probabilities of docs/theory.md §5 over a grid of d_in, l (and e), with an optional heat map. */
export function registerProbabilityTable(table: Command, settle: Settle): void {
  const cmd = table
    .command("probability")
    .description(
      "p, q, P(H(c) disconnected), E[#pathological], E[b_0] over a grid of fan-ins and widths (docs/theory.md section 5), optionally as a heat-map SVG",
    )
    .requiredOption("--d-in <list>", `${D_IN_HELP}; a list or range such as 1..64`)
    .requiredOption("--width <list>", "widths l, a list or range such as 1..256")
    .option("--e <list>", "output dimensions e, a list or range", "1")
    .option("--digits <D>", `significant digits, 1..${MAX_PROBABILITY_DIGITS}`, "20")
    .option("--format <f>", "md, csv, json or tex", "md")
    .option("--plot <file.svg>", "also write a heat map over d_in and l (needs a single e)")
    .option("--plot-value <q>", `quantity the heat map shows: ${PROBABILITY_QUANTITIES.join(", ")}`, "pDisconnected")
    .option("--title <text>", "heat-map title (default: the initialisation and quantity)");
  addMaxSecondsOption(addInitOptions(cmd, DEFAULT_TABLE_SAMPLES)).action(
    settle(async (opts: TableProbabilityOptions) => (await import("../../actions/probabilityTableAction.js")).probabilityTableAction(opts)),
  );
}
