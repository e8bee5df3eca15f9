import type { FinishedRun } from "../../runner/runReport.js";

/**
 * Builds the report of a finished run and writes it into the run directory;
 * the runner calls it (it sits below the report layer, so the CLI hands it over).
 * The plotting libraries load only here, once the cells are complete.
 *
 * @returns the names of the files written
 */
export async function reportWriter(run: FinishedRun): Promise<string[]> {
  const [{ buildReport }, { reportVersions }, { writeReport }] = await Promise.all([
    import("../../report/buildReport.js"),
    import("../../report/reportVersions.js"),
    import("../../report/writeReport.js"),
  ]);
  const report = await buildReport(run.config, run.specs, run.cells, { versions: await reportVersions(), timing: run.timing });
  writeReport(run.dir, report.files);
  return report.files.map((f) => f.name);
}
