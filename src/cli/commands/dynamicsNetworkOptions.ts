import type { Command } from "commander";

/**
 * Adds the options that say which network `gd` and `flow` start from and on which data:
 * `--net`, `--arch`, `--init-seed` and the required `--data` (read by `dynamicsNetwork`).
 *
 * @param cmd - the command
 * @returns the same command, for chaining
 */
export function addDynamicsNetworkOptions(cmd: Command): Command {
  return cmd
    .option(
      "--net <file>",
      "network of any depth (JSON, state_dict JSON, .safetensors or .pt); with --arch and no --net, PyTorch's default initialisation is drawn",
    )
    .option(
      "--arch <file>",
      "architecture file (JSON layers or the printed nn.Sequential): convolutions' stride and padding, pooling, flatten, input shape",
    )
    .option("--init-seed <S>", "with --arch and no --net: the seed of the drawn initialisation (a non-negative integer, default 0)")
    .requiredOption("--data <file>", "CSV with a header row; the last e columns are targets");
}
