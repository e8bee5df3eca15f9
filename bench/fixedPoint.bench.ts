/**
 * Decimal against binary fixed point on the probability kernel (the reason
 * src/scalar/fixedPoint.ts keeps a decimal scale for the closed forms): the
 * arctan closed form of I_x(a, b) evaluated the way evaluateParts.ts does it
 * (√(PQ), Euler's arctan series, a division by π), then turned into a
 * decimal.js number at the working precision, as every closed-form value is.
 * Base 10 uses the library's functions; base 2 the same steps on 2^P with
 * P = ⌈F·log2 10⌉ bits (same accuracy), its π by Machin's formula in binary.
 * Printed: time per evaluation of each, and binary/decimal (> 1: decimal faster).
 */
import { isqrt } from "../src/scalar/bigintMath.js";
import { decimalContext } from "../src/scalar/decimalContext.js";
import { scale10 } from "../src/scalar/bigintMath.js";
import { eulerArctanSum10, piFixed10, sqrtFixed10 } from "../src/scalar/fixedPoint.js";
import { medianMs, printRatio } from "./timing.js";

/** arctan(1/k)·2^P, terms floored. */
function arctanInverse2(k: bigint, P: bigint): bigint {
  const k2 = k * k;
  let power = (1n << P) / k;
  let sum = power;
  for (let n = 1n; power !== 0n; n++) {
    power /= k2;
    const term = power / (2n * n + 1n);
    sum += n % 2n === 0n ? term : -term;
  }
  return sum;
}

const pis2 = new Map<bigint, bigint>();
function pi2(P: bigint): bigint {
  let pi = pis2.get(P);
  if (pi === undefined) {
    pi = (16n * arctanInverse2(5n, P + 16n) - 4n * arctanInverse2(239n, P + 16n)) >> 16n;
    pis2.set(P, pi);
  }
  return pi;
}

function euler2(u: bigint, S: bigint, P: bigint): bigint {
  let term = 1n << P;
  let sum = term;
  for (let n = 1n; term !== 0n; n++) {
    term = (term * 2n * n * u) / ((2n * n + 1n) * S);
    sum += term;
  }
  return sum;
}

/** (2/π)·arctan √(Q/P) + c·√(PQ)/(S·π), base 10, as a decimal.js number. */
function kernel10(F: number, Q: bigint, Pv: bigint, c: bigint): string {
  const scale = scale10(F);
  const S = Pv + Q;
  const root = sqrtFixed10(Pv * Q, F);
  const pi = piFixed10(F);
  const angle = (root * eulerArctanSum10(Q <= Pv ? Q : Pv, S, F)) / (scale * S);
  const v = (2n * angle * scale) / pi + (c * root * scale) / (S * pi);
  return new (decimalContext(F))(`${v}e-${F}`).toString();
}

/** The same in base 2. */
function kernel2(F: number, Q: bigint, Pv: bigint, c: bigint): string {
  const P = BigInt(Math.ceil(F * Math.log2(10)));
  const S = Pv + Q;
  const root = isqrt((Pv * Q) << (2n * P));
  const pi = pi2(P);
  const angle = (root * euler2(Q <= Pv ? Q : Pv, S, P)) / (S << P);
  const v = ((2n * angle) << P) / pi + ((c * root) << P) / (S * pi);
  const D = decimalContext(F);
  return new D(v.toString()).div(new D(2).pow(Number(P))).toString();
}

const points = Array.from({ length: 50 }, (_, i) => [BigInt(37 + i), 101n, 3n] as const);
for (const digits of [20, 40, 60, 100]) {
  const F = digits + 5;
  const run = (k: typeof kernel10) => (): void => {
    for (const [Q, Pv, c] of points) k(F, Q, Pv, c);
  };
  const ms10 = (await medianMs(run(kernel10), 5, 300)) / points.length;
  const ms2 = (await medianMs(run(kernel2), 5, 300)) / points.length;
  printRatio(`closed-form kernel at ${digits} digits (F = ${F}), decimal 10^F`, ms10, "binary 2^P", ms2);
}
