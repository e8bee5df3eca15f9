/**
 * Errors that carry data. Library code throws them; only `src/cli` turns them
 * into exit codes (bad input → 2).
 */

/** Input that cannot be used as given: a malformed number, file, option or network. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/** Arrays whose shapes do not fit together. */
export class ShapeError extends InputError {
  readonly actual: string;
  readonly expected: string;
  constructor(what: string, actual: string, expected: string) {
    super(`invalid shape of ${what}: expected ${expected}, got ${actual}`);
    this.name = "ShapeError";
    this.actual = actual;
    this.expected = expected;
  }
}
