import { join } from "node:path";
import { writeFileAtomic } from "../io/writeFileAtomic.js";
import type { ReportFile } from "./buildReport.js";

/**
 * Writes every file of a report into `dir`, each atomically, in the given order (index.html last).
 *
 * @param dir - the run directory
 * @param files - the files of `buildReport`
 * @throws Error (from node:fs) when a file cannot be written
 */
export function writeReport(dir: string, files: readonly ReportFile[]): void {
  for (const f of files) writeFileAtomic(join(dir, f.name), f.text);
}
