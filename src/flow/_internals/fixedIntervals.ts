import { parseRational } from "../../scalar/parseRational.js";
import type { Scalar } from "../../scalar/scalar.js";

/** A real number known to lie in [lo, hi]·2^−P, both ends BigInt. @internal */
export interface FixedInterval {
  readonly lo: bigint;
  readonly hi: bigint;
}

/**
 * Thrown by {@link fixedIntervals} when a sign, a comparison or a quotient cannot be decided from
 * the enclosures (an interval that straddles 0), or a function it has not (exp, ln) is asked for:
 * the caller then computes in another arithmetic.
 *
 * @internal
 */
export class UndecidedInterval extends Error {}

function floorShift(v: bigint, s: bigint): bigint {
  return v >> s;
}

function ceilShift(v: bigint, s: bigint): bigint {
  return -(-v >> s);
}

/** ⌊a/b⌋ and ⌈a/b⌉ for b > 0 (BigInt division truncates toward zero). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b > a ? q - 1n : q;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b < a ? q + 1n : q;
}

function undecided(): never {
  throw new UndecidedInterval("undecided");
}

/**
 * Interval arithmetic in binary fixed point of P fraction bits: every value is an enclosure
 * [lo, hi]·2^−P of the exact real, every operation rounds its lower end down and its upper end up,
 * so the exact result of any computation made of these operations lies in the interval it returns.
 * Natively BigInt, it evaluates the loss of a flow's parameters (exact dyadics) on rational data
 * with a bound that says how many digits are right, and starts in a fraction of the time
 * decimal.js's arithmetic needs cold. Where an enclosure cannot decide (a sign of an interval
 * around 0: a pre-activation within 2^−P of a kink) it throws {@link UndecidedInterval}.
 *
 * @param P - fraction bits, an integer ≥ 0
 * @returns the arithmetic
 * @example fixedIntervals(4).parse("1/3") // returns { lo: 5n, hi: 6n }
 * @internal
 */
export function fixedIntervals(P: number): Scalar<FixedInterval> {
  const bigP = BigInt(P);
  const ONE = 1n << bigP;
  const point = (v: bigint): FixedInterval => ({ lo: v, hi: v });
  const fromRational = (num: bigint, den: bigint): FixedInterval => {
    if (den < 0n) return fromRational(-num, -den);
    const n = num << bigP;
    return den === 1n ? point(n) : { lo: floorDiv(n, den), hi: ceilDiv(n, den) };
  };
  const sign = (a: FixedInterval): -1 | 0 | 1 => {
    if (a.lo > 0n) return 1;
    if (a.hi < 0n) return -1;
    if (a.lo === 0n && a.hi === 0n) return 0;
    return undecided();
  };
  const sub = (a: FixedInterval, b: FixedInterval): FixedInterval => ({ lo: a.lo - b.hi, hi: a.hi - b.lo });
  return {
    // exact in the sense the kinds mean: every sign it answers is the sign of the exact value
    kind: "exact",
    digits: undefined,
    name: `fixed intervals:${P}`,
    zero: point(0n),
    one: point(ONE),
    parse(text) {
      const { num, den } = parseRational(text);
      return fromRational(num, den);
    },
    fromRational,
    fromInt: (n) => point(BigInt(n) << bigP),
    add: (a, b) => ({ lo: a.lo + b.lo, hi: a.hi + b.hi }),
    sub,
    mul(a, b) {
      if (a.lo === a.hi && b.lo === b.hi) {
        const p = a.lo * b.lo;
        return { lo: floorShift(p, bigP), hi: ceilShift(p, bigP) };
      }
      const p = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
      let lo = p[0] as bigint;
      let hi = lo;
      for (const v of p) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      return { lo: floorShift(lo, bigP), hi: ceilShift(hi, bigP) };
    },
    div(a, b) {
      // by an exact positive divisor only (the loss's count, a pooling's window size)
      if (b.lo !== b.hi || b.lo <= 0n) return undecided();
      return { lo: floorDiv(a.lo << bigP, b.lo), hi: ceilDiv(a.hi << bigP, b.lo) };
    },
    neg: (a) => ({ lo: -a.hi, hi: -a.lo }),
    abs: (a) => (a.lo >= 0n ? a : a.hi <= 0n ? { lo: -a.hi, hi: -a.lo } : { lo: 0n, hi: a.lo + a.hi < 0n ? -a.lo : a.hi }),
    sign,
    cmp: (a, b) => sign(sub(a, b)),
    eq: (a, b) => sign(sub(a, b)) === 0,
    exp: undecided,
    ln: undecided,
    toString: (a) => `[${a.lo}, ${a.hi}]/${ONE}`,
    toNumber: (a) => {
      const cut = P > 60 ? BigInt(P - 60) : 0n;
      return Number((a.lo + a.hi) >> (cut + 1n)) * 2 ** -(P - Number(cut));
    },
  };
}
