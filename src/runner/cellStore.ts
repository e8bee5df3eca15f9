import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../errors.js";
import { writeFileAtomic } from "../io/writeFileAtomic.js";
import { parseJsonFile } from "./_internals/parseJsonFile.js";
import { cellFromJson } from "./cellSchema.js";
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
 * configuration, of the shape of its kind, and not an "unavailable" placeholder (those are retried, so a
 * build that gained the missing part fills them in).
 */
export function readCell(dir: string, spec: CellSpec): StoredCell | undefined {
  const path = cellPath(dir, spec.id);
  if (!existsSync(path)) return undefined;
  try {
    const cell = cellFromJson(JSON.parse(readFileSync(path, "utf8")), spec.key.kind, path);
    return cell.id === spec.id && cell.fingerprint === spec.fingerprint && cell.result !== null ? cell : undefined;
  } catch {
    // A file left half-written or changed by something other than writeFileAtomic: recompute it.
    return undefined;
  }
}

/**
 * A finished cell of a shard, for merging: absent, another configuration's
 * (left by an earlier run in the same directory) or an "unavailable"
 * placeholder give undefined; a file of this cell that is not valid JSON of
 * its shape is bad input.
 *
 * @throws InputError naming the file and the field when the cell is malformed; PathError when it cannot be read
 */
export function readCellChecked(dir: string, spec: CellSpec): StoredCell | undefined {
  const path = cellPath(dir, spec.id);
  if (!existsSync(path)) return undefined;
  const value = parseJsonFile(path);
  const head = value as Partial<StoredCell> | null;
  if (head !== null && typeof head === "object" && (head.id !== spec.id || head.fingerprint !== spec.fingerprint)) {
    if (typeof head.id === "string" && typeof head.fingerprint === "string") return undefined;
  }
  const cell = cellFromJson(value, spec.key.kind, path);
  if (cell.id !== spec.id)
    throw new InputError({
      field: "cell file",
      expected: `the cell with id \`${spec.id}\``,
      value: path,
      note: `Its id is \`${cell.id}\`.`,
    });
  return cell.result === null ? undefined : cell;
}

/** Writes a finished cell atomically, so a killed run never leaves half a cell. */
export function writeCell(dir: string, cell: StoredCell): void {
  writeFileAtomic(cellPath(dir, cell.id), `${JSON.stringify(cell)}\n`);
}
