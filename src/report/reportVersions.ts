import { readFileSync } from "node:fs";
import * as vega from "vega";
import * as vl from "vega-lite";

/** relutopo's version from its package.json, and the versions of Node and the plotting libraries. */
export function reportVersions(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return { relutopo: pkg.version, node: process.version, vega: vega.version, "vega-lite": vl.version };
}
