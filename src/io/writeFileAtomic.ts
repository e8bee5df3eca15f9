import { renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { PathError } from "../errors.js";
import { fsReason } from "./_internals/fsReason.js";
import { makeDirectories } from "./_internals/makeDirectories.js";

let counter = 0;

/**
 * Writes a file so that readers never see half of it: the text goes to a
 * temporary file beside the target, which is then renamed over it. On any
 * failure the temporary file is removed.
 *
 * @param path - the file to write (its directory is created when absent)
 * @param text - the whole content
 * @throws PathError when the path is empty or ends with a slash, or the file or its directory cannot be written
 * @example writeFileAtomic("out/table.csv", "a,b\n1,2\n")
 * // returns undefined
 */
export function writeFileAtomic(path: string, text: string): void {
  if (path.trim() === "") throw new PathError(path, "write", "the path is empty");
  if (/[/\\]$/.test(path)) throw new PathError(path, "write", "a file name must not end with a slash");
  // A hidden name that cannot collide with another writer in this or another process.
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  try {
    makeDirectories(dirname(path));
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    try {
      // No half-written temporary file is left behind.
      rmSync(tmp, { force: true });
    } catch {
      // The temporary file was never made (its directory is missing or not one).
    }
    throw new PathError(path, "write", fsReason(err));
  }
}
