import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileWat, GENERATED, generatedSource, WAT } from "../../../scripts/buildWasm.js";

describe("the float kernel's WebAssembly", () => {
  it("should be the compiled floatKernel.wat: the committed bytes are current (npm run build:wasm)", async () => {
    const bytes = await compileWat(WAT);
    expect(bytes.length).toBeGreaterThan(100);
    expect(readFileSync(GENERATED, "utf8")).toBe(generatedSource(bytes));
  });
});
