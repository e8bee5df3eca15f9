/*
 * A double-, triple- and quadruple-double shadow of the fixed-point series of one Taylor step,
 * for the orders whose products are small.
 *
 * A coefficient X (a BigInt, the value X·2^−P) is held as x0 + x1 + x2 + x3, four doubles
 * each the rounding of what the previous ones leave (|X − x0 − x1| ≤ 2^−106·|X|,
 * |X − x0 − x1 − x2| ≤ 2^−159·|X|, with x3 ≤ 2^−212·|X|), x0 and x1 split once into halves
 * of 26 bits (Dekker), so that x0·y0, x0·y1 and x1·y0 are exact as sums of four products. The
 * series of a step shrink with their order (the step is chosen so that the last terms
 * are below 10^−(D+4)), and the middle terms Σ_{0<s<q} X_s·Y_{q−s} of a high order need
 * far fewer than 2P bits: in double-double (about twenty flops a term), triple-double
 * (about seventy) or quadruple-double (about two hundred) they cost less than two BigInt
 * operations and their allocations. Each sum first bounds B = Σ|x0|·|y0| over its n terms
 * (1.01·B covers what the doubles' rounding of the bound may miss) and takes the cheapest
 * level whose worst-case error, from B, is below a quarter unit of the last place the caller
 * keeps (2^(P−2) of the unshifted sum, which the caller shifts by P), less 2 for the rounding
 * of the sum's parts to integers; when none is, the caller takes the exact BigInt sum. So a
 * product differs from the exact one by less than a quarter unit before the caller's floor,
 * and its floor by at most one unit.
 *
 * The worst-case bounds, with N = n + 9, b the |x0·y0| of one term, every |x_i| ≤
 * 1.001·2^(−53i)·|x0|, and a two-sum's error or a rounding at most 2^−53 of its result (so a
 * running sum's errors grow with the sum, which may reach n times a term):
 * double-double, N²·2^−106·B: the dropped x1·y1 and X − x0 − x1 (3.02·2^−106·b), the low
 * part's four roundings (12.1·2^−106·b), and the low sum sl, below (n + 3.02)·1.001·2^−53·B,
 * rounded twice a term: in all 1.001n² + 4.03n + 27.2 < N² times 2^−106·B.
 * Triple-double, N³·2^−155·B: s1 stays below M1 = (n + 3.02)·1.001·2^−53·B, its four
 * two-sum errors a term are summed plainly (3 roundings) into a level-2 value w with the
 * errors of x0·y1 and x1·y0 and the rounded x0·y2, x1·y1, x2·y0 (5 roundings), and s2,
 * below M2 = (4.004n(n + 3.02) + 5.01)·2^−106·B, is rounded once a term: in all, with the
 * products dropped, below (4.004n²(n + 3.02) + 32.1n(n + 3.02) + 5.01n + 32.2)·2^−159·B
 * < 2^4·N³·2^−159·B.
 * Quadruple-double, N⁴·2^−203·B, for the middle orders of a step at 40 digits and more:
 * the products dropped (x_i·y_j with i + j ≥ 4, and X − Σx_i) are below 5.1·2^−212·B, and
 * level 3's ten roundings per term (four products, six additions) below 70.3·2^−212·B;
 * s0 stays below 1.001·B, so s1, which receives per term s0's error and the level-1 values
 * (3.01·2^−53·b), stays below M1; s2, which receives four errors of s1 and the level-2
 * values (5.01·2^−106·b) per term, below M2' = 4n·2^−53·M1 + 5.01·2^−106·B; s3, which
 * receives nine errors of s2 and the level-3 sum (7.03·2^−159·b) per term, below
 * M3 = 9n·2^−53·M2' + 7.03·2^−159·B; and its ten roundings per term cost at most
 * 10n·2^−53·M3. All together, below (361n³(n + 3.02) + 451n² + 70.3n + 75.4)·2^−212·B
 * < 2^9·N⁴·2^−212·B.
 *
 * Coefficients are converted once, when a product first reads them: the products of
 * order q read the coefficients below q from the shadow, and the two end terms X_0·Y_q
 * and X_q·Y_0 exactly. That is sound because the one Taylor engine computes each series
 * order by order and never changes a coefficient below the order it is computing; order
 * q itself may still be unset (0) when read, as in the sliding solve, so it is shadowed
 * only when the caller says both series are complete through q (the passes of the
 * network, which read only what they have computed): then, where the end terms are
 * small enough for the bounds below (the high orders of a step), they are summed in
 * floats with the middle ones, and the product costs no BigInt multiplication.
 *
 * The float loops (Dekker's splits, the bound and both sums) run in WebAssembly
 * (seriesMirror.wat, the same operations in the same order): a flow is a short run, and
 * in JavaScript they would spend most of it unoptimised, allocating a heap number per
 * floating-point operation. The shadows of one mirror share one linear memory; a newer
 * mirror takes it over, and an older one then answers nothing (its caller sums exactly).
 */

import { SERIES_MIRROR_WASM } from "../_generated/seriesMirrorWasm.js";
import { compileWasm, instantiateWasm, wasmMemory, type WasmMemory } from "./wasmModule.js";

/** Coefficients beyond this size (units of 2^−P) are left to BigInt: their products would overflow a double. */
const LARGEST = 2 ** 480;
/** 2^53: every integer below it in size is a double. */
const SAFE = 2 ** 53;
/** Bytes per coefficient of a shadow (see seriesMirror.wat): x0's halves, x1, |x0|, x1's halves, x2, x3. */
const STRIDE = 64;
/** The first shadow's byte address: bytes 0–31 receive the sums. */
const FIRST = 64;
const PAGE = 65536;

/** The functions of seriesMirror.wat (byte addresses). */
interface MirrorExports {
  prepare(at: number, count: number): void;
  cauchy(a: number, b: number, q: number, room: number, complete: number): number;
}

/** The one instance and its memory, compiled on first use (most commands never integrate a flow). */
interface Engine {
  readonly run: MirrorExports;
  readonly memory: WasmMemory;
  heap: Float64Array;
  /** The mirror whose shadows the memory holds. */
  owner: SeriesMirror | undefined;
  /** The next free byte address. */
  next: number;
}

let engine: Engine | undefined;

function startEngine(): Engine {
  const memory = wasmMemory(16);
  const run = instantiateWasm<MirrorExports>(compileWasm(SERIES_MIRROR_WASM), memory);
  return { run, memory, heap: new Float64Array(memory.buffer), owner: undefined, next: FIRST };
}

/** The shadow of one series: its byte address in the engine's memory. */
interface Shadow {
  readonly at: number;
  /** Coefficients 0 … filled − 1 are in the memory. */
  filled: number;
  /** false when a coefficient was too large for doubles: every product with this series stays exact. */
  usable: boolean;
}

/**
 * The double-double and triple-double shadows of the series of one Taylor step at P
 * fraction bits, and the products of their high orders (see the module comment).
 *
 * @internal
 */
export class SeriesMirror {
  private readonly shadows = new Map<readonly bigint[], Shadow>();
  /** The largest error allowed in an unshifted sum, less the roundings of the parts: a quarter unit of 2^−P, less 2. */
  private readonly room: number;
  private readonly engine: Engine;

  constructor(P: number) {
    this.room = 2 ** (P - 2) - 2;
    engine ??= startEngine();
    this.engine = engine;
    engine.owner = this;
    engine.next = FIRST;
  }

  /** The shadow of x with its coefficients below `upTo` filled in. */
  private shadow(x: readonly bigint[], upTo: number): Shadow {
    const e = this.engine;
    let s = this.shadows.get(x);
    if (s === undefined) {
      const at = e.next;
      e.next += STRIDE * x.length;
      if (e.next > e.memory.buffer.byteLength) {
        e.memory.grow(Math.ceil((e.next - e.memory.buffer.byteLength) / PAGE));
        e.heap = new Float64Array(e.memory.buffer);
      }
      s = { at, filled: 0, usable: true };
      this.shadows.set(x, s);
    }
    if (upTo <= s.filled || !s.usable) return s;
    const { heap } = e;
    for (let k = s.filled; k < upTo; k++) {
      const v = x[k]!;
      const i = (s.at + STRIDE * k) / 8;
      if (v === 0n) {
        heap[i] = 0;
        heap[i + 2] = 0;
        heap[i + 6] = 0;
        heap[i + 7] = 0;
        continue;
      }
      const x0 = Number(v);
      if (!(Math.abs(x0) < LARGEST)) {
        // too large for the shadow (possibly not even a finite double): this series is summed in BigInt
        s.usable = false;
        return s;
      }
      // below 2^53 a double holds the integer exactly, and what it leaves is 0: no BigInt to allocate
      const small = Math.abs(x0) < SAFE;
      const r1 = small ? 0n : v - BigInt(x0);
      const x1 = small ? 0 : Number(r1);
      heap[i] = x0;
      heap[i + 2] = x1;
      if (Math.abs(x1) < SAFE) {
        heap[i + 6] = 0;
        heap[i + 7] = 0;
        continue;
      }
      const r2 = r1 - BigInt(x1);
      const x2 = Number(r2);
      heap[i + 6] = x2;
      heap[i + 7] = Math.abs(x2) < SAFE ? 0 : Number(r2 - BigInt(x2));
    }
    e.run.prepare(s.at + STRIDE * s.filled, upTo - s.filled);
    s.filled = upTo;
    return s;
  }

  /**
   * Σ_{s=0}^{q} x_s·y_{q−s} within a quarter unit of 2^−P (unshifted), or undefined when
   * no shadow can promise that or q < 2 (the caller then sums in BigInt). Both series
   * have at least q + 1 coefficients (the caller checked). `complete`: the caller has set
   * both through order q, and will not change them, so order q is shadowed too and the
   * end terms may be summed in floats with the others when their size allows.
   */
  cauchy(x: readonly bigint[], y: readonly bigint[], q: number, complete = false): bigint | undefined {
    // below order 2 there are no middle terms (and at order 0 the two end terms are one)
    if (q < 2 || this.engine.owner !== this) return undefined;
    const upTo = complete ? q + 1 : q;
    const X = this.shadow(x, upTo);
    const Y = this.shadow(y, upTo);
    if (!X.usable || !Y.usable) return undefined;
    const e = this.engine;
    const summed = e.run.cauchy(X.at, Y.at, q, this.room, complete ? 1 : 0);
    if (summed === 0) return undefined;
    const { heap } = e;
    const sum = BigInt(heap[0]!) + BigInt(heap[1]!) + (heap[2] === 0 ? 0n : BigInt(heap[2]!)) + (heap[3] === 0 ? 0n : BigInt(heap[3]!));
    // 1: every term is in the sum; 2: the middle ones only
    return summed === 1 ? sum : sum + x[0]! * y[q]! + x[q]! * y[0]!;
  }
}
