/** How network files are read: what the command line says about them, for every reader at once. */
export interface NetworkReadOptions {
  /** The activation the user names (`--activation`): wins over the file, but must agree with what the file stores. */
  readonly activation?: string | undefined;
  /** The entry of a checkpoint dict holding the state_dict (`--key`). */
  readonly key?: string | undefined;
  /** The module names of the chain, in order (`--layers fc1,fc2,fc3`). */
  readonly layers?: readonly string[] | undefined;
  /** The ε of every BatchNorm, exact text (`--bn-eps`; default PyTorch's 1e-5): a state_dict does not store it. */
  readonly bnEps?: string | undefined;
  /** Told the file whose activation is assumed (relu, the file storing none), to say so out loud. */
  readonly onAssumed?: ((file: string) => void) | undefined;
}

let current: NetworkReadOptions = {};

/**
 * The options every network file reader applies by default: one setting for the whole process,
 * set by the command line (`--activation`, `--key`, `--layers`, `--bn-eps`) before a command runs, as
 * `inputLimits` is; library callers pass their own options to `openNetworkFile` instead.
 *
 * @returns the current options
 * @example networkReadOptions().activation // returns undefined
 */
export function networkReadOptions(): NetworkReadOptions {
  return current;
}

/**
 * Sets the options of {@link networkReadOptions} (an empty object restores the defaults).
 *
 * @internal
 */
export function setNetworkReadOptions(options: NetworkReadOptions): void {
  current = options;
}
