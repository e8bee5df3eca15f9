import type { Command } from "commander";
import { InputError } from "../../errors.js";

/** True for a command that reads network files: it has `--net`, or its arguments are networks (`track`). */
const readsNetworks = (cmd: Command): boolean => cmd.name() === "track" || cmd.options.some((o) => o.long === "--net");

/**
 * Adds `--activation`, `--key`, `--layers` and `--bn-eps` to every command of `program` that reads a network
 * file (`--net`): how to read what a PyTorch file does not say or says more of.
 *
 * @param program - the `relutopo` program, its commands registered
 */
export function addNetworkReadFlags(program: Command): void {
  for (const cmd of program.commands) {
    if (!readsNetworks(cmd)) continue;
    cmd
      .option(
        "--activation <name>",
        "activation of the network: relu, leaky_relu:<slope>, abs or linear (wins over the file; must agree with what it stores)",
      )
      .option("--key <name>", "the entry of a checkpoint dict that holds the state_dict (default: model, state_dict or model_state_dict)")
      .option(
        "--layers <names>",
        "the modules of the chain, in order, BatchNorm modules included, e.g. fc1,fc2,fc3 (default: every module, in state_dict order)",
      )
      .option("--bn-eps <value>", "the ε of every BatchNorm and LayerNorm, which a state_dict does not store (default: PyTorch's 1e-5)");
  }
}

/** Notices of the running command, written when it succeeds: a failure stays one line on stderr. */
const notices: string[] = [];

/** Writes the notices of a command that succeeded to stderr (an assumed activation), once each. */
export function flushNetworkNotices(): void {
  for (const line of notices) process.stderr.write(`${line}\n`);
  notices.length = 0;
}

/**
 * Applies `--activation`, `--key`, `--layers` and `--bn-eps` of the command about to run to every network
 * file it reads, and keeps, once per file, the notice that a file stores no activation and relu is
 * assumed, for {@link flushNetworkNotices}.
 *
 * @param cmd - the command about to run
 * @throws InputError for an empty module name in `--layers`, a `--bn-eps` that is no number ≥ 0
 */
export async function applyNetworkReadFlags(cmd: Command): Promise<void> {
  // loaded here, when a command runs, so that --help stays light
  const { setNetworkReadOptions } = await import("../../net/networkReadOptions.js");
  const opts = cmd.opts() as { activation?: string; key?: string; layers?: string; net?: string; bnEps?: string };
  const reads = readsNetworks(cmd);
  const layers = reads && opts.layers !== undefined ? opts.layers.split(",").map((s) => s.trim()) : undefined;
  if (layers?.some((s) => s === ""))
    throw new InputError({ field: "layers", expected: "module names separated by commas, e.g. fc1,fc2,fc3", value: opts.layers! });
  if (reads && opts.bnEps !== undefined) {
    const { parseRational } = await import("../../scalar/parseRational.js");
    let negative: boolean;
    try {
      negative = parseRational(opts.bnEps).num < 0n;
    } catch {
      negative = true;
    }
    if (negative) throw new InputError({ field: "bnEps", expected: "a number ε ≥ 0, e.g. 1e-5 or 0", value: opts.bnEps });
  }
  const told = new Set<string>();
  // A run keeps only its own notices: those of an earlier run in the same process (one that failed
  // and so never flushed them) are not this run's.
  notices.length = 0;
  setNetworkReadOptions({
    activation: reads ? opts.activation : undefined,
    key: reads ? opts.key : undefined,
    layers,
    bnEps: reads ? opts.bnEps : undefined,
    onAssumed: (file) => {
      if (told.has(file)) return;
      told.add(file);
      notices.push(`relutopo: activation not stored in ${file}; assuming relu — pass --activation`);
    },
  });
}
