import { InputError } from "../errors.js";

/**
 * The InputError for a file whose content is not the format it should be: the field is the
 * format, the value the file, and the reason (`no end-of-central-directory record`) becomes
 * the note, as a sentence. One wording for every reader of a binary or structured file.
 *
 * @param field - the format the file should have (`zip archive`, `PyTorch file`)
 * @param expected - what a readable file of that format is, completing "Must be …"
 * @param file - the file's name
 * @param why - what is wrong, a clause without a final stop
 * @example fileFault("zip archive", "a zip archive", "x.pt", "no end-of-central-directory record").message
 * // returns "invalid zip archive. Must be a zip archive. Value: `x.pt`. No end-of-central-directory record."
 */
export function fileFault(field: string, expected: string, file: string, why: string): InputError {
  return new InputError({ field, expected, value: file, note: `${why.charAt(0).toUpperCase()}${why.slice(1)}.` });
}
