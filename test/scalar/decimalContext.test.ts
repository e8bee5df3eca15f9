import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { decimalContext } from "../../src/scalar/decimalContext.js";

describe("decimalContext", () => {
  it("should round half to even at the given precision and print plainly from 1e-30 to 1e60 by default", () => {
    const D = decimalContext(3);
    expect(new D("1.225").plus(0).toString()).toBe("1.22");
    expect(new D("1.235").plus(0).toString()).toBe("1.24");
    expect(new D("1e-29").toString()).toBe("0.00000000000000000000000000001");
    expect(new D("1e-30").toString()).toBe("1e-30");
    expect(new D("1e59").toString()).toBe(`1${"0".repeat(59)}`);
  });

  it("should keep decimal.js's rounding and notation when asked (bit-identical legacy sites)", () => {
    const D = decimalContext(3, { rounding: "half-up", notation: "decimal.js" });
    const Ref = Decimal.clone({ precision: 3 });
    for (const x of ["1.225", "-1.225", "1.235", "1e-8", "1e21", "2.5e-7"])
      expect(new D(x).plus(0).toString()).toBe(new Ref(x).plus(0).toString());
  });

  it("should give the same constructor for the same settings and leave the global Decimal alone", () => {
    expect(decimalContext(17)).toBe(decimalContext(17));
    expect(decimalContext(17)).not.toBe(decimalContext(18));
    expect(decimalContext(17)).not.toBe(decimalContext(17, { notation: "decimal.js" }));
    decimalContext(5);
    expect(Decimal.precision).toBe(20);
    expect(Decimal.rounding).toBe(Decimal.ROUND_HALF_UP);
  });
});
