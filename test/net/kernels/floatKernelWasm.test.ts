import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileWat, generatedSource, MODULES } from "../../../scripts/buildWasm.js";

describe("the kernels' WebAssembly", () => {
  it.each(MODULES.map((m) => [m.name, m] as const))(
    "should be the compiled text for %s: the committed bytes are current (npm run build:wasm)",
    async (_, module) => {
      const bytes = await compileWat(module.wat);
      expect(bytes.length).toBeGreaterThan(100);
      expect(readFileSync(module.generated, "utf8")).toBe(generatedSource(module, bytes));
    },
  );
});
