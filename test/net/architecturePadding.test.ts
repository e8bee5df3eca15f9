import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { readArchitecture } from "../../src/net/readArchitecture.js";

// PyTorch prints a convolution made with padding="same" or "valid" as `padding=same` / `padding=valid`: the reader
// turns them into the integers PyTorch pads with, (k − 1)/2 per side of an odd kernel and 0, and refuses an even
// kernel's `same`, which pads one side more.
const repr = (conv: string): string =>
  `input: [2, 9, 8]\nSequential(\n  (0): ${conv}\n  (1): ReLU()\n  (2): Flatten(start_dim=1, end_dim=-1)\n  (3): Linear(in_features=${"FEATURES"}, out_features=1, bias=True)\n)\n`;

describe("readArchitecture on padding=same and padding=valid", () => {
  it("should read them as the explicit padding that keeps the size (same) or pads nothing (valid)", () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 3, 5), fc.constantFrom(1, 3), fc.constantFrom("same", "valid"), (kh, kw, mode) => {
        const padding = mode === "same" ? [(kh - 1) / 2, (kw - 1) / 2] : [0, 0];
        // the output size PyTorch's formula gives for that padding, an independent count of the Linear's in_features
        const out = [9 + 2 * (padding[0] ?? 0) - kh + 1, 8 + 2 * (padding[1] ?? 0) - kw + 1];
        const features = String(3 * (out[0] ?? 0) * (out[1] ?? 0));
        const text = repr(`Conv2d(2, 3, kernel_size=(${kh}, ${kw}), stride=(1, 1), padding=${mode})`).replace("FEATURES", features);
        const a = readArchitecture(text, "a.txt");
        expect(a.layers[0]?.conv?.padding).toEqual(padding);
        if (mode === "same") expect(out).toEqual([9, 8]);
        expect(a.layers[1]?.columns).toBe(Number(features));
      }),
    );
  });

  it("should refuse padding=same on an even kernel, naming it", () => {
    const text = repr("Conv2d(2, 3, kernel_size=(2, 3), stride=(1, 1), padding=same)").replace("FEATURES", "216");
    expect(() => readArchitecture(text, "a.txt")).toThrow(InputError);
    expect(() => readArchitecture(text, "a.txt")).toThrow(/padding=same with an odd kernel/);
  });
});
