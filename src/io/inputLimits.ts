/** The default limit on the size of an input file: 16 MiB. */
const DEFAULT_MAX_INPUT_BYTES = 16 * 1024 * 1024;

/**
 * Cells (rows × columns) a CSV may hold per byte of the size limit: 1/4, so 4 Mi cells at
 * 16 MiB. Each cell is kept as its exact text and later as a rational, so a file of short
 * cells (`0,0,0…`, two bytes a cell) under the byte limit would still fill the memory.
 */
const CSV_CELLS_PER_BYTE = 1 / 4;

let maxBytes = DEFAULT_MAX_INPUT_BYTES;

/**
 * The limits every reader of input files applies by default: the largest file, in bytes,
 * and the most cells of a CSV. One setting for the whole process, set by the command line
 * (`--max-input-mib`) before a command runs; library callers may pass their own limit to
 * `readBinaryFile` instead.
 *
 * @returns the current limits
 * @example inputLimits().maxBytes // returns 16777216
 */
export function inputLimits(): { maxBytes: number; maxCsvCells: number } {
  return { maxBytes, maxCsvCells: Math.floor(maxBytes * CSV_CELLS_PER_BYTE) };
}

/**
 * Sets the size limit of input files (and with it the CSV cell limit), or restores the
 * default of 16 MiB when given undefined.
 *
 * @param bytes - the largest file accepted, in bytes, or undefined for the default
 * @throws RangeError for a size that is not a positive safe integer (the caller validates user input)
 * @internal
 */
export function setMaxInputBytes(bytes: number | undefined): void {
  if (bytes !== undefined && !(Number.isSafeInteger(bytes) && bytes > 0))
    throw new RangeError(`setMaxInputBytes: invalid bytes. Must be a positive integer. Value: \`${bytes}\`.`);
  maxBytes = bytes ?? DEFAULT_MAX_INPUT_BYTES;
}
