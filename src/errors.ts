/**
 * Errors that carry data. Library code throws them and never names a CLI flag:
 * a field is named as the library's option (`steps`, `digits`); only
 * `src/cli/main.ts` turns an error into an exit code and a field into its flag
 * (`--steps`). Exit codes: InputError and PathError 2, ConvergenceError 3,
 * anything else 70 (a failed check is a verdict, not an error: exit 1).
 */

/** Turns a library field name into the name a user typed (the CLI maps `steps` to `--steps`). */
export type FieldNamer = (field: string) => string;

const asIs: FieldNamer = (field) => field;

/** What an input should have been: the field, what was expected, and the value that came. */
export interface InputErrorData {
  /** The option, file or argument at fault, as the library names it (`digits`, `net`, `W1[0][2]`). */
  readonly field: string;
  /** What was expected, completing "Must be …" (e.g. `an integer in [20, 1000]`). */
  readonly expected: string;
  /** The value that came, as text. */
  readonly value: string;
  /** Anything to add after the value (a reason or a hint), one sentence. */
  readonly note?: string;
}

/** Input that cannot be used as given: a malformed number, file, option or network. */
export class InputError extends Error {
  /** What was wrong, as data: the field, what was expected and the value that came. */
  readonly data: InputErrorData;

  /**
   * @param what - the field, what was expected and the value (the message is made from them)
   * @example new InputError({ field: "digits", expected: "an integer in [20, 1000]", value: "5" }).message
   * // returns "invalid digits. Must be an integer in [20, 1000]. Value: `5`."
   */
  constructor(what: InputErrorData) {
    super(formatInput(what, asIs));
    this.name = "InputError";
    this.data = what;
  }

  /** The message with every field renamed by `name` (the CLI passes the flag namer). */
  describe(name: FieldNamer): string {
    return formatInput(this.data, name);
  }
}

function formatInput(d: InputErrorData, name: FieldNamer): string {
  return `invalid ${name(d.field)}. Must be ${d.expected}. Value: \`${d.value}\`.${d.note === undefined ? "" : ` ${d.note}`}`;
}

/** Arrays whose shapes do not fit together. */
export class ShapeError extends InputError {
  readonly actual: string;
  readonly expected: string;
  constructor(what: string, actual: string, expected: string) {
    super({ field: `shape of ${what}`, expected, value: actual });
    this.name = "ShapeError";
    this.actual = actual;
    this.expected = expected;
  }
}

/** A path that cannot be read or written as asked (missing, a directory, not writable, empty). */
export class PathError extends Error {
  readonly path: string;
  readonly action: "read" | "write";
  readonly reason: string;
  /** The option that would let it through (a size limit), if any. */
  readonly remedy: Remedy | undefined;
  /**
   * @example new PathError("big.csv", "read", "it is over the limit", { field: "maxInputMib", change: "raise" }).message
   * // returns "cannot read `big.csv`: it is over the limit; raise maxInputMib"
   */
  constructor(path: string, action: "read" | "write", reason: string, remedy?: Remedy) {
    super(formatPath(path, action, reason, remedy, asIs));
    this.name = "PathError";
    this.path = path;
    this.action = action;
    this.reason = reason;
    this.remedy = remedy;
  }

  /** The message with the remedy's field renamed by `name`. */
  describe(name: FieldNamer): string {
    return formatPath(this.path, this.action, this.reason, this.remedy, name);
  }
}

function formatPath(path: string, action: string, reason: string, remedy: Remedy | undefined, name: FieldNamer): string {
  return `cannot ${action} \`${path}\`: ${reason}${remedyText(remedy, name)}`;
}

/** The tail a remedy adds to a message (`; raise steps`, the field named by `name`), or nothing: one wording for every error. */
function remedyText(remedy: Remedy | undefined, name: FieldNamer): string {
  return remedy === undefined ? "" : `; ${remedy.change} ${name(remedy.field)}`;
}

/** What a user can change so that a computation finishes: raise or lower one option. */
export interface Remedy {
  /** The option, as the library names it (`steps`, `digits`, `time`). */
  readonly field: string;
  /** `raise`, `lower`, or any verb phrase that reads before the field name. */
  readonly change: string;
}

/**
 * A computation that could not finish as asked: an integrator that diverged,
 * stalled or could not reach its end time, or work over its cap at run time.
 */
export class ConvergenceError extends Error {
  /** The method (`taylor`, `gauss`, `rk4`, `gd`, …). */
  readonly method: string;
  /** Where it stopped: a time `t = …`, a step, or another position, as text. */
  readonly at: string;
  /** What happened, e.g. `the stage equations diverged`. */
  readonly reason: string;
  readonly remedy: Remedy | undefined;

  /**
   * @example new ConvergenceError("gauss", "t = 3/2", "the stage equations diverged", { field: "steps", change: "raise" }).message
   * // returns "gauss: the stage equations diverged at t = 3/2; raise steps"
   */
  constructor(method: string, at: string, reason: string, remedy?: Remedy) {
    super(formatConvergence(method, at, reason, remedy, asIs));
    this.name = "ConvergenceError";
    this.method = method;
    this.at = at;
    this.reason = reason;
    this.remedy = remedy;
  }

  /** The message with the remedy's field renamed by `name`. */
  describe(name: FieldNamer): string {
    return formatConvergence(this.method, this.at, this.reason, this.remedy, name);
  }
}

function formatConvergence(method: string, at: string, reason: string, remedy: Remedy | undefined, name: FieldNamer): string {
  return `${method}: ${reason} at ${at}${remedyText(remedy, name)}`;
}

/** A broken internal invariant: a bug of relutopo, never the user's input. */
export class InternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InternalError";
  }
}
