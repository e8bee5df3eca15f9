import { join } from "node:path";
import { writeFileAtomic } from "../io/writeFileAtomic.js";
import type { ReportFile } from "./buildReport.js";

/** Writes every file of a report into `dir`, each atomically, in the given order (index.html last). */
export function writeReport(dir: string, files: readonly ReportFile[]): void {
  for (const f of files) writeFileAtomic(join(dir, f.name), f.text);
}
