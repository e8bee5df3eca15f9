import { mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * Creates a directory and its missing ancestors, one level at a time. Node's
 * `mkdirSync(dir, { recursive: true })` loops forever under a directory that exists but
 * refuses new entries with ENOENT (`/proc/x` on Linux); each level made on its own
 * fails there at once.
 *
 * @param dir - the directory
 * @throws the file system's error (ENOENT, ENOTDIR, EACCES, …) when a level cannot be made
 * @internal
 */
export function makeDirectories(dir: string): void {
  const missing: string[] = [];
  let here = resolve(dir);
  for (;;) {
    try {
      statSync(here);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    missing.push(here);
    const up = dirname(here);
    if (up === here) break;
    here = up;
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level);
    } catch (err) {
      // made meanwhile by another writer: fine when it is a directory
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || !statSync(level).isDirectory()) throw err;
    }
  }
}
