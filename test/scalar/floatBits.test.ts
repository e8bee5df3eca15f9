import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { dyadicOfFloat } from "../../src/scalar/dyadicOfFloat.js";

/** The Number a dyadic rational n/2^k is, computed without any float division that could round. */
function exactlyEquals(q: { num: bigint; den: bigint }, x: number): boolean {
  // x = M·2^E exactly with M an integer (the oracle: the Number's own decomposition through a 64-bit view).
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const neg = bits >> 63n === 1n;
  const e = Number((bits >> 52n) & 0x7ffn);
  const f = bits & ((1n << 52n) - 1n);
  let M = e === 0 ? f : f | (1n << 52n);
  const E = (e === 0 ? 1 : e) - 1075;
  if (neg) M = -M;
  // Compare num/den with M·2^E by cross-multiplying integers.
  if (E >= 0) return q.num === M * (1n << BigInt(E)) * q.den;
  return q.num * (1n << BigInt(-E)) === M * q.den;
}

const f64Bits = (x: number): bigint => {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x, true);
  return v.getBigUint64(0, true);
};

describe("dyadicOfFloat", () => {
  it("should give every finite float64 bit pattern exactly the Number those bits are", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (bits) => {
        // Arrange
        const v = new DataView(new ArrayBuffer(8));
        v.setBigUint64(0, bits, true);
        const x = v.getFloat64(0, true);
        // Act
        const q = dyadicOfFloat(bits, "F64");
        // Assert
        if (!Number.isFinite(x)) expect(q).toBeUndefined();
        else expect(exactlyEquals(q!, x)).toBe(true);
      }),
    );
  });

  it("should give every finite float32 bit pattern exactly the value Math.fround reads from it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (bits) => {
        const v = new DataView(new ArrayBuffer(4));
        v.setUint32(0, bits, true);
        const x = v.getFloat32(0, true);
        const q = dyadicOfFloat(BigInt(bits), "F32");
        if (!Number.isFinite(x)) expect(q).toBeUndefined();
        else {
          expect(Math.fround(x)).toBe(x);
          expect(exactlyEquals(q!, x)).toBe(true);
        }
      }),
    );
  });

  it("should read a BF16 as the float32 whose high half it is", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (bits) => {
        const bf = dyadicOfFloat(BigInt(bits), "BF16");
        const f32 = dyadicOfFloat(BigInt(bits) << 16n, "F32");
        expect(bf).toEqual(f32);
      }),
    );
  });

  it("should read every F16 pattern as sign · 2^(e−15) · (1 + f/1024), or 2^−14 · f/1024 for subnormals", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), (bits) => {
        const s = bits >> 15 ? -1 : 1;
        const e = (bits >> 10) & 0x1f;
        const f = bits & 0x3ff;
        const q = dyadicOfFloat(BigInt(bits), "F16");
        if (e === 31) {
          expect(q).toBeUndefined();
          return;
        }
        // Every F16 is a multiple of 2^−24 below 2^16: compare as an integer count of 2^−24.
        const units = s * (e === 0 ? f : (1024 + f) * 2 ** (e - 1));
        expect(q!.num * (1n << 24n)).toBe(BigInt(units) * q!.den);
      }),
    );
  });

  it("should reduce: the numerator is odd unless the value is an integer", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const q = dyadicOfFloat(f64Bits(x), "F64")!;
        expect(q.den === 1n || (q.num & 1n) === 1n).toBe(true);
        expect(q.den & (q.den - 1n)).toBe(0n);
      }),
    );
  });

  it("should read ±0, the smallest subnormals and the largest finite values exactly", () => {
    expect(dyadicOfFloat(0x8000_0000_0000_0000n, "F64")).toEqual({ num: 0n, den: 1n });
    expect(dyadicOfFloat(1n, "F64")).toEqual({ num: 1n, den: 1n << 1074n });
    expect(dyadicOfFloat(1n, "F32")).toEqual({ num: 1n, den: 1n << 149n });
    expect(dyadicOfFloat(1n, "F16")).toEqual({ num: 1n, den: 1n << 24n });
    expect(dyadicOfFloat(1n, "BF16")).toEqual({ num: 1n, den: 1n << 133n });
    expect(dyadicOfFloat(0x7bffn, "F16")).toEqual({ num: 65504n, den: 1n });
    expect(dyadicOfFloat(0x7f7fffffn, "F32")).toEqual({ num: ((1n << 24n) - 1n) << 104n, den: 1n });
    expect(dyadicOfFloat(0xbdcccccdn, "F32")).toEqual({ num: -13421773n, den: 134217728n });
  });

  it("should give undefined for NaN and ±Infinity in every format", () => {
    expect(dyadicOfFloat(0x7ff0_0000_0000_0000n, "F64")).toBeUndefined();
    expect(dyadicOfFloat(0xfff8_0000_0000_0001n, "F64")).toBeUndefined();
    expect(dyadicOfFloat(0xff800000n, "F32")).toBeUndefined();
    expect(dyadicOfFloat(0x7c00n, "F16")).toBeUndefined();
    expect(dyadicOfFloat(0x7fc0n, "BF16")).toBeUndefined();
  });

  it("should refuse a bit pattern wider than the format", () => {
    expect(() => dyadicOfFloat(1n << 16n, "F16")).toThrow(InputError);
    expect(() => dyadicOfFloat(-1n, "F32")).toThrow(InputError);
  });
});
