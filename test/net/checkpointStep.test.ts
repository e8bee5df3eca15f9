import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkpointStep } from "../../src/net/checkpointStep.js";

// Checkpoints written by torch itself (test/fixtures/torch/steps/make_step_fixtures.py).
const STEPS = new URL("../fixtures/torch/steps/", import.meta.url).pathname;
const EXPECTED = JSON.parse(readFileSync(`${STEPS}expected.json`, "utf8")) as Record<string, { step: number | null }>;

describe("checkpointStep", () => {
  it.each(Object.keys(EXPECTED))("should read the step torch.save stored in %s", (name) => {
    expect(checkpointStep(`${STEPS}${name}`)).toBe(EXPECTED[name]!.step);
  });

  it("should read a safetensors file's metadata step and find none in JSON", () => {
    expect(checkpointStep("examples/run/step_0030.safetensors")).toBe(30);
    expect(checkpointStep("examples/deep.safetensors")).toBeNull();
    expect(checkpointStep("examples/toy.json")).toBeNull();
  });

  it("should take a safetensors step only when it is a decimal integer", () => {
    const dir = mkdtempSync(join(tmpdir(), "relutopo-step-"));
    let n = 0;
    const file = (step: string): string => {
      const header = JSON.stringify({ __metadata__: { step }, w: { dtype: "F32", shape: [1, 1], data_offsets: [0, 4] } });
      const bytes = new Uint8Array(8 + header.length + 4);
      new DataView(bytes.buffer).setBigUint64(0, BigInt(header.length), true);
      bytes.set(new TextEncoder().encode(header), 8);
      const p = join(dir, `s${n++}.safetensors`);
      writeFileSync(p, bytes);
      return p;
    };
    expect(checkpointStep(file("1200"))).toBe(1200);
    expect(checkpointStep(file("12.5"))).toBeNull();
    expect(checkpointStep(file("-3"))).toBeNull();
    expect(checkpointStep(file("epoch 3"))).toBeNull();
  });
});
