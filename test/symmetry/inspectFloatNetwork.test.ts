import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { exact, type Rational } from "../../src/scalar/exact.js";
import { inspectNetwork } from "../../src/symmetry/inspectNetwork.js";
import { runCliInProcess } from "../helpers/runCli.js";

/** The exact fraction a double is, found by doubling until it is an integer (no bit reading). */
function fractionText(v: number): string {
  let k = 0;
  while (!Number.isInteger(v * 2 ** k)) k++;
  return `${BigInt(v * 2 ** k)}/${2n ** BigInt(k)}`;
}

/** float32 values, with zeros and small integers so that zero, balanced and split neurons occur. */
const value = fc.oneof(
  fc.constantFrom(0, 1, -1, 0.5, -2),
  fc.float({ noNaN: true, noDefaultInfinity: true, min: -4, max: 4 }).map((v) => Math.fround(v)),
);

/** A chain of 2 or 3 float32 layers of widths 1 … 3, each with or without a bias. */
const floatNetwork: fc.Arbitrary<LayeredNetwork<number>> = fc
  .array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 4 })
  .chain((widths) =>
    fc.tuple(
      ...widths.slice(1).map((n, i) =>
        fc.record({
          W: fc.array(fc.array(value, { minLength: widths[i]!, maxLength: widths[i]! }), { minLength: n, maxLength: n }),
          b: fc.option(fc.array(value, { minLength: n, maxLength: n }), { nil: undefined }),
        }),
      ),
    ),
  )
  // rows as a weight file gives them: Float64Array, whose map gives numbers, not strings
  .map((layers) => ({
    activation: { kind: "relu" as const },
    layers: layers.map(({ W, b }) => ({
      W: W.map((r) => Float64Array.from(r) as unknown as number[]),
      b: b && (Float64Array.from(b) as unknown as number[]),
    })),
  }));

const toExact = (net: LayeredNetwork<number>): LayeredNetwork<Rational> => ({
  activation: net.activation,
  layers: net.layers.map(({ W, b }) => ({
    W: W.map((r) => Array.from(r, (v) => exact.parse(fractionText(v)))),
    b: b && Array.from(b, (v) => exact.parse(fractionText(v))),
  })),
});

describe("inspect of a float network", () => {
  it("should report exactly what inspecting the same values as rationals reports", () => {
    fc.assert(
      fc.property(floatNetwork, (net) => {
        expect(inspectNetwork(net)).toEqual(inspectNetwork(toExact(net)));
      }),
      { numRuns: 300 },
    );
  });

  it("should print the same JSON for a safetensors file as for the same weights written as exact text", async () => {
    const dir = mkdtempSync(join(tmpdir(), "relutopo-inspect-float-"));
    // 3 -> 1 -> 2 -> 1: a width-1 layer locks weights and the scalar output gets its sign verdict
    const widths = [3, 1, 2, 1];
    const layers = widths.slice(1).map((n, i) => ({
      W: Array.from({ length: n }, (_, r) =>
        Array.from({ length: widths[i]! }, (_, c) => Math.fround(((r + 2) * (c + 3) * (i + 1)) / 7 - 1.3)),
      ),
      b: Array.from({ length: n }, (_, r) => Math.fround(0.1 * (r + 1) - 0.25 * i)),
    }));
    const header: Record<string, unknown> = { __metadata__: { activation: "relu" } };
    const blobs: Buffer[] = [];
    let offset = 0;
    layers.forEach(({ W, b }, i) => {
      for (const [name, shape, values] of [
        [`${2 * i}.weight`, [W.length, W[0]!.length], W.flat()],
        [`${2 * i}.bias`, [b.length], b],
      ] as const) {
        const data = Buffer.from(Float32Array.from(values).buffer);
        header[name] = { dtype: "F32", shape, data_offsets: [offset, offset + data.length] };
        blobs.push(data);
        offset += data.length;
      }
    });
    const text = Buffer.from(JSON.stringify(header));
    const size = Buffer.alloc(8);
    size.writeBigUInt64LE(BigInt(text.length));
    const floatFile = join(dir, "net.safetensors");
    writeFileSync(floatFile, Buffer.concat([size, text, ...blobs]));
    const json = {
      activation: "relu",
      layers: layers.map(({ W, b }) => ({ W: W.map((r) => r.map(fractionText)), b: b.map(fractionText) })),
    };
    const textFile = join(dir, "net.json");
    writeFileSync(textFile, JSON.stringify(json));
    const fromFloats = await runCliInProcess(["inspect", "--net", floatFile, "--json"]);
    const fromText = await runCliInProcess(["inspect", "--net", textFile, "--json"]);
    expect(fromFloats.status).toBe(0);
    expect(fromText.status).toBe(0);
    const a = JSON.parse(fromFloats.stdout);
    expect(a.topology.locked.length).toBeGreaterThan(0);
    expect(a).toEqual(JSON.parse(fromText.stdout));
  });
});
