import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { PathError } from "../errors.js";
import { fsReason } from "./_internals/fsReason.js";

/** The largest file {@link readTextFile} reads unless told otherwise: 16 MiB. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** Options of {@link readTextFile}. */
export interface ReadTextFileOptions {
  /** The largest size accepted, in bytes (default {@link MAX_INPUT_BYTES}). */
  maxBytes?: number;
}

/**
 * Reads a UTF-8 file, turning "no such file" and the like into one clear
 * PathError. The size is checked before anything is read, so a huge file is
 * refused at once instead of filling the memory.
 *
 * @param path - the file to read
 * @param options - the size limit
 * @returns its text
 * @throws PathError when the file cannot be read (missing, a directory, no permission) or is larger than the limit
 * @example readTextFile("net.json").startsWith("{")
 * // returns true
 */
export function readTextFile(path: string, options: ReadTextFileOptions = {}): string {
  const maxBytes = options.maxBytes ?? MAX_INPUT_BYTES;
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (err) {
    throw new PathError(path, "read", fsReason(err));
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new PathError(path, "read", "it is a directory");
    if (st.size > maxBytes) throw new PathError(path, "read", `it is ${formatBytes(st.size)}, over the limit of ${formatBytes(maxBytes)}`);
    return readFileSync(fd, "utf8");
  } catch (err) {
    if (err instanceof PathError) throw err;
    throw new PathError(path, "read", fsReason(err));
  } finally {
    closeSync(fd);
  }
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB (${n} bytes)`;
  return `${n} bytes`;
}
