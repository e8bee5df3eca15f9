import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../io/writeFileAtomic.js";
import type { CellSpec } from "./planCells.js";

/** A finished cell as stored in `DIR/cells/<id>.json`. `result` is null when the part it needs is not available in this build. */
export interface StoredCell {
  id: string;
  fingerprint: string;
  result: unknown;
  /** Wall time of the cell in milliseconds (not part of the results' reproducibility). */
  ms: number;
}

/** The path of a cell's file under a run directory. */
function cellPath(dir: string, id: string): string {
  return join(dir, "cells", `${id}.json`);
}

/**
 * A cached cell that can be reused: present, readable, of the same
 * configuration and not an "unavailable" placeholder (those are retried, so a
 * build that gained the missing part fills them in).
 */
export function readCell(dir: string, spec: CellSpec): StoredCell | undefined {
  const path = cellPath(dir, spec.id);
  if (!existsSync(path)) return undefined;
  try {
    const cell = JSON.parse(readFileSync(path, "utf8")) as StoredCell;
    return cell.id === spec.id && cell.fingerprint === spec.fingerprint && cell.result !== null ? cell : undefined;
  } catch {
    // A file left half-written by something other than writeFileAtomic: recompute it.
    return undefined;
  }
}

/** Writes a finished cell atomically, so a killed run never leaves half a cell. */
export function writeCell(dir: string, cell: StoredCell): void {
  writeFileAtomic(cellPath(dir, cell.id), `${JSON.stringify(cell)}\n`);
}
