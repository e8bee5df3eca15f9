import { mergeShards } from "../../runner/mergeShards.js";
import { printJson } from "../options.js";
import { reportWriter } from "./reportWriter.js";

/** The options of `relutopo merge`, as commander parsed them. */
export interface MergeCliOptions {
  out: string;
  json?: boolean;
}

/** `relutopo merge`: runs the runner's `mergeShards` and prints a summary. */
export async function mergeAction(dirs: string[], opts: MergeCliOptions): Promise<void> {
  const s = await mergeShards({ dirs, out: opts.out, report: reportWriter });
  if (opts.json) printJson({ out: s.out, shards: s.shards, cells: s.cells, files: s.files });
  else console.log(`merged ${s.shards} shards (${s.cells} cells): report written to ${opts.out}/index.html`);
}
