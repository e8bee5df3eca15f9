import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { networkFromSafetensors } from "../../src/net/networkFromSafetensors.js";
import { networkFromTorchPt } from "../../src/net/networkFromTorchPt.js";
import { readAnyNetworkFile } from "../../src/net/readAnyNetworkFile.js";
import { readSafetensors } from "../../src/net/readSafetensors.js";
import { readTorchPt } from "../../src/net/readTorchPt.js";

// Fixtures: test/fixtures/torch/make_fixtures.py writes each safetensors fixture again in the
// layout torch.save(state_dict) uses, with Python's pickle and zipfile (torch is not needed).
const TORCH = new URL("../fixtures/torch/", import.meta.url);
const SAFE = new URL("../fixtures/safetensors/", import.meta.url);
const bytes = (url: URL): Uint8Array => new Uint8Array(readFileSync(url));
const pairs = readdirSync(SAFE)
  .filter((f) => f.endsWith(".safetensors"))
  .map((f) => f.replace(/\.safetensors$/, ""));

describe("readTorchPt", () => {
  for (const name of pairs) {
    it(`should read ${name}.pt digit for digit as the safetensors file of the same weights`, () => {
      // Arrange
      const expected = readSafetensors(bytes(new URL(`${name}.safetensors`, SAFE)), name).tensors;
      // Act
      const tensors = readTorchPt(bytes(new URL(`${name}.pt`, TORCH)), `${name}.pt`);
      // Assert
      expect(tensors).toEqual(expected);
    });
  }

  it("should read examples/deep.pt as examples/deep.safetensors, through readAnyNetworkFile", () => {
    const pt = readAnyNetworkFile(new URL("../../examples/deep.pt", import.meta.url).pathname);
    const st = readAnyNetworkFile(new URL("../../examples/deep.safetensors", import.meta.url).pathname);
    expect(pt).toEqual(st);
  });

  for (const variant of ["strided", "deflated", "protocol4"]) {
    it(`should read the ${variant} layout of f32_1hidden to the same network (shared storage, offsets, a transposed view, a Parameter)`, () => {
      const expected = networkFromSafetensors(bytes(new URL("f32_1hidden.safetensors", SAFE)), "f32");
      expect(networkFromTorchPt(bytes(new URL(`f32_1hidden_${variant}.pt`, TORCH)), variant)).toEqual(expected);
    });
  }

  const hostile: Array<[string, RegExp]> = [
    ["evil_global", /It names the global `posix\.system`, which a state_dict of float tensors never needs \(refused, not executed\)/],
    ["evil_trailing", /1 bytes follow STOP/],
    ["evil_numel", /Storage `0` has 12 bytes, but 4 F32 elements need 16/],
    ["evil_view", /Tensor `0\.weight` reaches element 3 of a storage of 3/],
    ["evil_missing", /Tensor `0\.weight`: storage `0` has no `archive\/data\/0`/],
    ["evil_byteorder", /Its data is not little-endian/],
    ["evil_long", /Tensor `0\.weight` holds long values, not floats; relutopo reads the float weights of linear layers/],
    ["evil_nan", /Tensor `0\.weight` holds F32 NaN or infinity at index \[0\]\[1\]/],
    ["evil_value", /Entry `0\.weight` is `7`, not a tensor/],
  ];
  for (const [name, message] of hostile) {
    it(`should refuse ${name}.pt with one line naming the file and the fault`, () => {
      const run = (): unknown => readTorchPt(bytes(new URL(`${name}.pt`, TORCH)), `${name}.pt`);
      expect(run).toThrow(InputError);
      expect(run).toThrow(new RegExp(`^invalid PyTorch file\\. Must be [^\n]+\\. Value: \`${name}\\.pt\`\\. ${message.source}\\.$`));
    });
  }

  it("should refuse a file that is not a zip archive", () => {
    expect(() => readTorchPt(new TextEncoder().encode("not a zip"), "x.pt")).toThrow(
      new InputError({
        field: "zip archive",
        expected: "a zip archive (one disk, no ZIP64, not encrypted)",
        value: "x.pt",
        note: "No end-of-central-directory record.",
      }),
    );
  });

  it("should answer any corruption of a valid file with a value or an InputError, never another error", () => {
    // Arrange: examples/deep.pt with a few bytes changed, cut or extended
    const good = bytes(new URL("../../examples/deep.pt", import.meta.url));
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat({ max: good.length - 1 }), value: fc.integer({ min: 0, max: 255 }) }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.integer({ min: 0, max: good.length }),
        (edits, cut) => {
          const bad = good.slice(0, Math.max(cut, 1));
          for (const { at, value } of edits) if (at < bad.length) bad[at] = value;
          // Act / Assert
          try {
            readTorchPt(bad, "bad.pt");
          } catch (err) {
            expect(err).toBeInstanceOf(InputError);
            expect((err as Error).message).not.toMatch(/\n/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
