import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

/** A test tagged long, as test files tag it: `it("…", { tags: ["long"] }, …)`. */
const TAGGED_LONG = /\btags:\s*\[[^\]]*"long"/;

/** The test files that hold a test tagged long: only these are collected. */
const longFiles = (readdirSync("test", { recursive: true }) as string[])
  .filter((f) => f.endsWith(".test.ts") && TAGGED_LONG.test(readFileSync(join("test", f), "utf8")))
  .map((f) => join("test", f))
  .sort();

// `npm run test:long`: the property campaigns of the tests tagged long, at full size.
export default defineConfig({
  test: {
    ...base.test,
    include: longFiles,
    tagsFilter: ["long"],
    env: { RELUTOPO_TEST_LONG: "1" },
  },
});
