import { readFileSync } from "node:fs";

/**
 * relutopo's version from its package.json, and the versions of Node and the
 * plotting libraries (loaded here on demand, as in renderVegaLite.ts).
 *
 * @returns versions by name: relutopo, node, vega, vega-lite
 */
export async function reportVersions(): Promise<Record<string, string>> {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  const [vega, vl] = await Promise.all([import("vega"), import("vega-lite")]);
  return { relutopo: pkg.version, node: process.version, vega: vega.version, "vega-lite": vl.version };
}
