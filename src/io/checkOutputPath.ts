import { accessSync, constants, statSync, type Stats } from "node:fs";
import { dirname, resolve } from "node:path";
import { PathError } from "../errors.js";
import { fsReason } from "./_internals/fsReason.js";

/** What an output path must become: a file (written atomically) or a directory (created when absent). */
export type OutputKind = "file" | "dir";

/** `statOrUndefined(target)`, any other failure reported as one writing `path` (the path the caller asked for). */
function statForWrite(target: string, path: string): Stats | undefined {
  try {
    return statOrUndefined(target);
  } catch (err) {
    throw new PathError(path, "write", fsReason(err));
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    throw err;
  }
}

function writable(path: string, shown: string): void {
  try {
    accessSync(path, constants.W_OK);
  } catch (err) {
    throw new PathError(shown, "write", fsReason(err));
  }
}

/**
 * Checks, before any work starts, that `path` can be written as a `kind`: the
 * path is not empty, a file's name does not end with a slash, what stands there
 * already is of the right kind and writable, and otherwise the nearest existing
 * ancestor is a writable directory (the missing ones are created when written).
 * Nothing is created.
 *
 * @param path - the output path, as the user gave it
 * @param kind - `file` for a file written atomically, `dir` for a directory of files
 * @throws PathError naming `path` when it cannot be written as asked
 * @example checkOutputPath("", "file")
 * // throws PathError "cannot write ``: the path is empty"
 */
export function checkOutputPath(path: string, kind: OutputKind): void {
  if (path.trim() === "") throw new PathError(path, "write", "the path is empty");
  if (path.includes("\0")) throw new PathError(path, "write", "the path contains a NUL character");
  if (kind === "file" && /[/\\]$/.test(path)) throw new PathError(path, "write", "a file name must not end with a slash");
  const here = statForWrite(path, path);
  if (here !== undefined) {
    if (kind === "file" && here.isDirectory()) throw new PathError(path, "write", "it is a directory");
    if (kind === "file" && !here.isFile()) throw new PathError(path, "write", "it is not a regular file");
    if (kind === "dir" && !here.isDirectory()) throw new PathError(path, "write", "it exists and is not a directory");
    writable(path, path);
    // A file is replaced through a temporary file beside it: its directory must be writable too.
    if (kind === "file") writable(dirname(resolve(path)), path);
    return;
  }
  // Absent: the nearest existing ancestor must be a directory that accepts new entries.
  let dir = dirname(resolve(path));
  for (;;) {
    const st = statForWrite(dir, path);
    if (st !== undefined) {
      if (!st.isDirectory()) throw new PathError(path, "write", "a part of the path is not a directory");
      writable(dir, path);
      return;
    }
    const up = dirname(dir);
    if (up === dir) throw new PathError(path, "write", "no such file or directory");
    dir = up;
  }
}
