import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { layerInvariants } from "../../src/invariants/layerInvariants.js";
import { linearLayerInvariants } from "../../src/invariants/linearLayerInvariants.js";
import type { LayeredNetwork } from "../../src/net/layeredNetwork.js";
import { networkFromSafetensors } from "../../src/net/networkFromSafetensors.js";
import { readSafetensors } from "../../src/net/readSafetensors.js";
import { exact } from "../../src/scalar/exact.js";

const FIXTURES = new URL("../fixtures/safetensors/", import.meta.url);
const EXPECTED = JSON.parse(readFileSync(new URL("expected.json", FIXTURES), "utf8")) as Record<
  string,
  {
    invariants: string[];
    layers?: { layer: number; invariants: string[] }[];
    matrices?: { layer: number; matrix: string[][] }[];
    matrix?: string[][];
  }
>;

interface RawTensor {
  name: string;
  dtype: string;
  shape: number[];
  data: Uint8Array;
  offsets?: [number, number];
}

/** A safetensors file written by hand, with every header field open to lies (offsets, header length). */
function safetensors(tensors: RawTensor[], opts: { metadata?: unknown; headerText?: string; headerLength?: bigint } = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (opts.metadata !== undefined) header.__metadata__ = opts.metadata;
  let at = 0;
  for (const t of tensors) {
    header[t.name] = { dtype: t.dtype, shape: t.shape, data_offsets: t.offsets ?? [at, at + t.data.length] };
    at += t.data.length;
  }
  const text = new TextEncoder().encode(opts.headerText ?? JSON.stringify(header));
  const out = new Uint8Array(8 + text.length + at);
  new DataView(out.buffer).setBigUint64(0, opts.headerLength ?? BigInt(text.length), true);
  out.set(text, 8);
  let p = 8 + text.length;
  for (const t of tensors) {
    out.set(t.data, p);
    p += t.data.length;
  }
  return out;
}

const f32 = (xs: number[]): Uint8Array => new Uint8Array(new Float32Array(xs).buffer);
const f64 = (xs: number[]): Uint8Array => new Uint8Array(new Float64Array(xs).buffer);
const twoLayers = (): RawTensor[] => [
  { name: "0.weight", dtype: "F32", shape: [2, 1], data: f32([0.5, -1.25]) },
  { name: "0.bias", dtype: "F32", shape: [2], data: f32([0.1, 0]) },
  { name: "2.weight", dtype: "F32", shape: [1, 2], data: f32([3, -0.75]) },
];

/** The error a read throws (undefined when it reads). */
function errorOf(bytes: Uint8Array): unknown {
  try {
    readSafetensors(bytes, "m.safetensors");
  } catch (err) {
    return err;
  }
  return undefined;
}

function expectBad(bytes: Uint8Array, fault: RegExp): void {
  const err = errorOf(bytes);
  expect(err).toBeInstanceOf(InputError);
  const message = (err as Error).message;
  expect(message).toMatch(/^invalid safetensors file\. Must be [^\n]+\. Value: `m\.safetensors`\. /);
  expect(message).not.toMatch(/\n/);
  expect(message).toMatch(fault);
}

describe("networkFromSafetensors on the committed fixtures", () => {
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`should give the invariants of ${file} exactly as the independent Python Fraction computation`, () => {
      // Arrange
      const net = networkFromSafetensors(readFileSync(new URL(file, FIXTURES)), file);
      const q: LayeredNetwork<ReturnType<typeof exact.parse>> = {
        activation: net.activation,
        layers: net.layers.map(({ W, b }) => ({ W: W.map((r) => r.map((v) => exact.parse(v))), b: b?.map((v) => exact.parse(v)) })),
      };
      // Act
      const rows = layerInvariants(q, exact).map((r) => r.map(exact.toString));
      // Assert
      expect(rows.flat()).toEqual(expected.invariants);
      if (expected.layers) expect(rows).toEqual(expected.layers.map((l) => l.invariants));
      const mats = linearLayerInvariants(q, exact).map((Q) => Q.map((r) => r.map(exact.toString)));
      if (expected.matrices) expect(mats).toEqual(expected.matrices.map((m) => m.matrix));
      if (expected.matrix) expect(mats).toEqual([expected.matrix]);
      expect(net.activation.kind).toBe(expected.matrices || expected.matrix ? "linear" : "relu");
    });
  }

  it("should read nn.Sequential indices that skip, a prefix and layers without bias", () => {
    const net = networkFromSafetensors(readFileSync(new URL("f16_2hidden.safetensors", FIXTURES)), "f16");
    expect(net.layers.map((l) => [l.W.length, l.W[0]!.length, l.b !== undefined])).toEqual([
      [3, 2, true],
      [2, 3, false],
      [1, 2, true],
    ]);
    const bf = networkFromSafetensors(readFileSync(new URL("bf16_3hidden_linear.safetensors", FIXTURES)), "bf16");
    expect(bf.layers.map((l) => l.b !== undefined)).toEqual([true, true, false, true]);
  });
});

describe("readSafetensors", () => {
  it("should read back every finite float32 written, as the exact rational it is", () => {
    fc.assert(
      fc.property(fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 12 }), (xs) => {
        // Arrange
        const bytes = safetensors([{ name: "t", dtype: "F32", shape: [xs.length], data: f32(xs) }]);
        // Act
        const [t] = readSafetensors(bytes, "p").tensors;
        // Assert: n and a power-of-two d of at most 2^149 are doubles, so n/d is the float32 itself.
        const values = t!.values.map((v) => {
          const [n, d = "1"] = v.split("/");
          return Number(BigInt(n!)) / Number(BigInt(d));
        });
        expect(values).toEqual(xs.map((x) => (Object.is(x, -0) ? 0 : x)));
      }),
    );
  });

  it("should read the shape, the dtype, the metadata and the order of the data, whatever the header's key order", () => {
    // Arrange: the header names b before a, but a's bytes come first.
    const headerText = JSON.stringify({
      b: { dtype: "F64", shape: [1, 2], data_offsets: [2, 18] },
      __metadata__: { activation: "linear" },
      a: { dtype: "F16", shape: [], data_offsets: [0, 2] },
    });
    const bytes = safetensors(
      [
        { name: "a", dtype: "F16", shape: [], data: new Uint8Array([0x00, 0x3c]) },
        { name: "b", dtype: "F64", shape: [1, 2], data: f64([1 / 3, -2]) },
      ],
      { headerText },
    );
    // Act
    const r = readSafetensors(bytes, "x");
    // Assert
    expect(r.metadata).toEqual({ activation: "linear" });
    expect(r.tensors.map((t) => [t.name, t.dtype, t.shape, t.values])).toEqual([
      ["a", "F16", [], ["1"]],
      ["b", "F64", [1, 2], ["6004799503160661/18014398509481984", "-2"]],
    ]);
  });

  it("should refuse every truncation of a valid file", () => {
    const whole = safetensors(twoLayers());
    fc.assert(
      fc.property(fc.integer({ min: 0, max: whole.length - 1 }), (n) => {
        expect(errorOf(whole.subarray(0, n))).toBeInstanceOf(InputError);
      }),
    );
  });

  it("should refuse bytes after the last tensor", () => {
    const whole = safetensors(twoLayers());
    const longer = new Uint8Array(whole.length + 4);
    longer.set(whole);
    expectBad(longer, /belong to no tensor/);
  });

  it("should refuse a header that lies, naming the fault", () => {
    const t = twoLayers();
    expectBad(new Uint8Array(5), /Truncated/);
    expectBad(safetensors(t, { headerLength: 1n << 40n }), /above the limit/);
    expectBad(safetensors(t, { headerLength: 5000n }), /runs past the end/);
    expectBad(safetensors(t, { headerText: "{not json" }), /not UTF-8 JSON/);
    expectBad(safetensors(t, { headerText: "[1, 2]" }), /not a JSON object/);
    expectBad(
      safetensors([{ name: "x", dtype: "F32", shape: [1], data: f32([1]) }], {
        headerText:
          '{"x": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, "x": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}',
      }),
      /Duplicate name `x`/,
    );
    expectBad(safetensors([{ name: "x", dtype: "I32", shape: [1], data: f32([1]) }]), /dtype `I32`/);
    expectBad(safetensors([{ name: "x", dtype: "F64", shape: [1], data: f32([1]) }]), /has 4 data bytes, but F64 × \[1\] needs 8/);
    expectBad(safetensors([{ name: "x", dtype: "F32", shape: [-1], data: f32([1]) }]), /shape/);
    expectBad(safetensors([{ name: "x", dtype: "F32", shape: [1], data: f32([1]), offsets: [4, 8] }]), /outside the 4 data bytes/);
    expectBad(safetensors([{ name: "x", dtype: "F32", shape: [1], data: f32([1]), offsets: [4, 0] }]), /outside/);
    expectBad(
      safetensors([
        { name: "x", dtype: "F32", shape: [2], data: f32([1, 2]) },
        { name: "y", dtype: "F32", shape: [1], data: f32([3]), offsets: [4, 8] },
      ]),
      /overlaps/,
    );
    expectBad(
      safetensors([
        { name: "x", dtype: "F32", shape: [1], data: f32([1]), offsets: [0, 4] },
        { name: "y", dtype: "F32", shape: [1], data: f32([3]), offsets: [0, 4] },
      ]),
      /overlaps/,
    );
    expectBad(safetensors(t, { metadata: { activation: 3 } }), /__metadata__/);
    expectBad(
      safetensors([{ name: "x", dtype: "F32", shape: [1], data: f32([1]) }], {
        headerText: '{"x": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4], "strides": [1]}}',
      }),
      /unknown field `strides`/,
    );
    expectBad(
      safetensors([{ name: "x", dtype: "F32", shape: [1], data: f32([1]) }], { headerText: '{"x": {"dtype": "F32", "shape": [1]}}' }),
      /data_offsets/,
    );
  });

  it("should name the tensor and the index of a NaN or an infinity", () => {
    expectBad(
      safetensors([{ name: "0.weight", dtype: "F32", shape: [2, 2], data: f32([1, 2, 3, Number.NaN]) }]),
      /`0\.weight`.*\[1\]\[1\]/,
    );
    expectBad(safetensors([{ name: "b", dtype: "F64", shape: [3], data: f64([0, Number.NEGATIVE_INFINITY, 1]) }]), /`b`.*\[1\]/);
  });
});

describe("networkFromSafetensors", () => {
  it("should turn a state_dict into layers, with the activation from __metadata__", () => {
    const net = networkFromSafetensors(safetensors(twoLayers(), { metadata: { activation: "abs" } }), "m");
    expect(net.activation).toEqual({ kind: "abs" });
    expect(net.layers).toEqual([
      { W: [["1/2"], ["-5/4"]], b: ["13421773/134217728", "0"] },
      { W: [["3", "-3/4"]], b: undefined },
    ]);
  });

  it("should refuse tensors that are no chain of linear layers", () => {
    const t = twoLayers();
    expect(() =>
      networkFromSafetensors(safetensors([...t, { name: "running_mean", dtype: "F32", shape: [1], data: f32([0]) }]), "m"),
    ).toThrow(/Unknown tensor `running_mean`/);
    expect(() => networkFromSafetensors(safetensors([t[0]!, { ...t[2]!, shape: [2, 1], name: "2.weight" }]), "m")).toThrow(
      /Must be a matrix of 2 columns/,
    );
    expect(() => networkFromSafetensors(safetensors([t[0]!]), "m")).toThrow(/at least two weight layers/);
    expect(() => networkFromSafetensors(safetensors([t[1]!, t[2]!]), "m")).toThrow(/`0\.bias` has no `0\.weight`/);
  });
});
