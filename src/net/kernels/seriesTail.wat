;; The float orders of a Taylor step (src/net/kernels/_internals/floatSeriesTail.ts): every
;; coefficient of the step's series held in this memory as a quadruple-double expansion, and
;; a small program, written once per step by the caller, run for each order. The level sums
;; are those of seriesMirror.wat (the same operations in the same order, so the same error
;; bounds), with two changes: a sum runs over terms at any strides, and it continues in
;; globals across the parts of one output instead of rounding to integers. Nothing here fuses
;; or reorders an operation. Compiled by `npm run build:wasm` into
;; src/net/kernels/_generated/seriesTailWasm.ts.
;;
;; A coefficient is 64 bytes, as in seriesMirror.wat: [x0 high half, x0 low half, x1, |x0|,
;; x1 high half, x1 low half, x2, x3], its value x0 + x1 + x2 + x3 (real units) with
;; |x_i| ≤ 1.001·2^(−53i)·|x0| (the caller's conversions give it; `finish` checks it for every
;; sum it stores). A series is Q + 1 coefficients in a row.
;;
;; A program: [outputs, then per output: destination, shift | whole·2, parts, then per part:
;; kind, x, y] (i32 words, byte addresses of series or constants). At order q an output is
;; Σ_parts Σ_terms x·y, stored at coefficient q + shift of its destination, where a part of
;; kind 0 is the Cauchy product Σ_{s=0}^{q} X_s·Y_{q−s} of two series, kind 1 the product
;; X_q·y of a series' coefficient q with a constant, kind 2 the product X_q·Y_q of two series'
;; coefficients q. A whole output is one long sum at one level; the others sum part by part.
;;
;; The low orders of a step, whose products of O(1) values no level above can bound within the
;; room, sum exactly (`exactPart`): each term x·y as its ten products x_a·y_b with a + b ≤ 3 by
;; Dekker's two-product (each exactly p + e, split operands, no fused operation), the three with
;; a + b = 4 as plain products (each within 2^−53 of itself), the rest left out; every one of
;; these doubles is cut into K bins by Rump, Ogita and Oishi's extraction (σ = 2^k, |d| ≤ 2^−M·σ:
;; fl(fl(σ + d) − σ) is a multiple of 2^−53·σ that leaves d − it ≤ 2^−53·σ exactly), each bin
;; a power σ_(k+1) = 2^(M−53)·σ_k, so that up to 2^M doubles sum exactly in every bin; what the
;; last bin leaves is dropped. Bytes 64 … 127 hold the bins, 128 … 191 their σ.
(module
  (import "env" "memory" (memory 1))

  ;; the running sums of the current output, level by level
  (global $s0 (mut f64) (f64.const 0))
  (global $s1 (mut f64) (f64.const 0))
  (global $s2 (mut f64) (f64.const 0))
  (global $s3 (mut f64) (f64.const 0))
  ;; the levels of the current output, when it has several parts
  (global $o0 (mut f64) (f64.const 0))
  (global $o1 (mut f64) (f64.const 0))
  (global $o2 (mut f64) (f64.const 0))
  (global $o3 (mut f64) (f64.const 0))
  ;; the current part's terms: x at $pa + $psa·t, y at $pb + $psb·t for t < $pn
  (global $pa (mut i32) (i32.const 0))
  (global $psa (mut i32) (i32.const 0))
  (global $pb (mut i32) (i32.const 0))
  (global $psb (mut i32) (i32.const 0))
  (global $pn (mut i32) (i32.const 0))
  ;; the bins of an exact sum: how many (bytes 64 + 8k hold bin k, 128 + 8k its σ)
  (global $bins (mut i32) (i32.const 0))
  ;; whether a sum no level can bound is summed exactly (1) or fails (0): `run`'s mode, bit 1
  (global $exact (mut i32) (i32.const 0))

  ;; Dekker's split of x0 (bytes 0 → 0, 8) and x1 (16 → 32, 40), and |x0| (24), for `count`
  ;; coefficients from byte address $at (the caller wrote x0, x1, x2, x3 at 0, 16, 48, 56).
  (func $prepare (export "prepare") (param $at i32) (param $count i32)
    (local $end i32) (local $v f64) (local $t f64) (local $high f64)
    (local.set $end (i32.add (local.get $at) (i32.shl (local.get $count) (i32.const 6))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (local.set $v (f64.load (local.get $at)))
        (local.set $t (f64.mul (f64.const 134217729) (local.get $v)))
        (local.set $high (f64.sub (local.get $t) (f64.sub (local.get $t) (local.get $v))))
        (f64.store (local.get $at) (local.get $high))
        (f64.store offset=8 (local.get $at) (f64.sub (local.get $v) (local.get $high)))
        (f64.store offset=24 (local.get $at) (f64.abs (local.get $v)))
        (local.set $v (f64.load offset=16 (local.get $at)))
        (local.set $t (f64.mul (f64.const 134217729) (local.get $v)))
        (local.set $high (f64.sub (local.get $t) (f64.sub (local.get $t) (local.get $v))))
        (f64.store offset=32 (local.get $at) (local.get $high))
        (f64.store offset=40 (local.get $at) (f64.sub (local.get $v) (local.get $high)))
        (local.set $at (i32.add (local.get $at) (i32.const 64)))
        (br $next)))
  )

  ;; The terms of part $kind (x, y byte addresses) at order $q, into $pa … $pn.
  (func $part (param $kind i32) (param $x i32) (param $y i32) (param $q i32)
    (local $at i32)
    (local.set $at (i32.shl (local.get $q) (i32.const 6)))
    (if (i32.eqz (local.get $kind))
      (then
        (global.set $pa (local.get $x))
        (global.set $psa (i32.const 64))
        (global.set $pb (i32.add (local.get $y) (local.get $at)))
        (global.set $psb (i32.const -64))
        (global.set $pn (i32.add (local.get $q) (i32.const 1)))
        (return)))
    (global.set $pa (i32.add (local.get $x) (local.get $at)))
    (global.set $psa (i32.const 0))
    (global.set $pb (if (result i32) (i32.eq (local.get $kind) (i32.const 1)) (then (local.get $y)) (else (i32.add (local.get $y) (local.get $at)))))
    (global.set $psb (i32.const 0))
    (global.set $pn (i32.const 1))
  )

  ;; Σ_t |x0|·|y0| over the current part's terms.
  (func $bound (result f64)
    (local $i i32) (local $j i32) (local $t i32) (local $acc f64)
    (local.set $i (global.get $pa))
    (local.set $j (global.get $pb))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $t) (global.get $pn)))
        (local.set $acc (f64.add (local.get $acc) (f64.mul (f64.load offset=24 (local.get $i)) (f64.load offset=24 (local.get $j)))))
        (local.set $i (i32.add (local.get $i) (global.get $psa)))
        (local.set $j (i32.add (local.get $j) (global.get $psb)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $next)))
    (local.get $acc)
  )

  ;; The current part's terms added in double-double to ($s0, $s1): seriesMirror.wat's $doubleDouble.
  (func $doubleDouble
    (local $i i32) (local $j i32) (local $t i32)
    (local $sh f64) (local $sl f64)
    (local $xa f64) (local $xb f64) (local $ya f64) (local $yb f64)
    (local $x0 f64) (local $y0 f64) (local $p f64) (local $pl f64) (local $sum f64) (local $bb f64)
    (local.set $sh (global.get $s0))
    (local.set $sl (global.get $s1))
    (local.set $i (i32.sub (global.get $pa) (global.get $psa)))
    (local.set $j (i32.sub (global.get $pb) (global.get $psb)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $t) (global.get $pn)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (global.get $psa)))
        (local.set $j (i32.add (local.get $j) (global.get $psb)))
        (br_if $next
          (i32.or
            (f64.eq (f64.load offset=24 (local.get $i)) (f64.const 0))
            (f64.eq (f64.load offset=24 (local.get $j)) (f64.const 0))))
        (local.set $xa (f64.load (local.get $i)))
        (local.set $xb (f64.load offset=8 (local.get $i)))
        (local.set $ya (f64.load (local.get $j)))
        (local.set $yb (f64.load offset=8 (local.get $j)))
        (local.set $x0 (f64.add (local.get $xa) (local.get $xb)))
        (local.set $y0 (f64.add (local.get $ya) (local.get $yb)))
        (local.set $p (f64.mul (local.get $x0) (local.get $y0)))
        (local.set $pl
          (f64.add
            (f64.add
              (f64.add
                (f64.add
                  (f64.sub (f64.mul (local.get $xa) (local.get $ya)) (local.get $p))
                  (f64.mul (local.get $xa) (local.get $yb)))
                (f64.mul (local.get $xb) (local.get $ya)))
              (f64.mul (local.get $xb) (local.get $yb)))
            (f64.add
              (f64.mul (local.get $x0) (f64.load offset=16 (local.get $j)))
              (f64.mul (f64.load offset=16 (local.get $i)) (local.get $y0)))))
        (local.set $sum (f64.add (local.get $sh) (local.get $p)))
        (local.set $bb (f64.sub (local.get $sum) (local.get $sh)))
        (local.set $sl
          (f64.add (local.get $sl)
            (f64.add
              (f64.add
                (f64.sub (local.get $sh) (f64.sub (local.get $sum) (local.get $bb)))
                (f64.sub (local.get $p) (local.get $bb)))
              (local.get $pl))))
        (local.set $sh (local.get $sum))
        (br $next)))
    (global.set $s0 (local.get $sh))
    (global.set $s1 (local.get $sl))
  )

  ;; The current part's terms added in triple-double to ($s0, $s1, $s2): seriesMirror.wat's $tripleDouble.
  (func $tripleDouble
    (local $i i32) (local $j i32) (local $k i32)
    (local $s0 f64) (local $s1 f64) (local $s2 f64)
    (local $xa f64) (local $xb f64) (local $x1 f64) (local $x1a f64) (local $x1b f64)
    (local $ya f64) (local $yb f64) (local $y1 f64) (local $y1a f64) (local $y1b f64)
    (local $x0 f64) (local $y0 f64) (local $p f64) (local $pe f64) (local $u f64) (local $ue f64)
    (local $v f64) (local $ve f64) (local $t f64) (local $bb f64) (local $f f64) (local $g f64)
    (local.set $s0 (global.get $s0))
    (local.set $s1 (global.get $s1))
    (local.set $s2 (global.get $s2))
    (local.set $i (i32.sub (global.get $pa) (global.get $psa)))
    (local.set $j (i32.sub (global.get $pb) (global.get $psb)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $k) (global.get $pn)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (global.get $psa)))
        (local.set $j (i32.add (local.get $j) (global.get $psb)))
        (br_if $next
          (i32.or
            (f64.eq (f64.load offset=24 (local.get $i)) (f64.const 0))
            (f64.eq (f64.load offset=24 (local.get $j)) (f64.const 0))))
        (local.set $xa (f64.load (local.get $i)))
        (local.set $xb (f64.load offset=8 (local.get $i)))
        (local.set $x1 (f64.load offset=16 (local.get $i)))
        (local.set $x1a (f64.load offset=32 (local.get $i)))
        (local.set $x1b (f64.load offset=40 (local.get $i)))
        (local.set $ya (f64.load (local.get $j)))
        (local.set $yb (f64.load offset=8 (local.get $j)))
        (local.set $y1 (f64.load offset=16 (local.get $j)))
        (local.set $y1a (f64.load offset=32 (local.get $j)))
        (local.set $y1b (f64.load offset=40 (local.get $j)))
        (local.set $x0 (f64.add (local.get $xa) (local.get $xb)))
        (local.set $y0 (f64.add (local.get $ya) (local.get $yb)))
        (local.set $p (f64.mul (local.get $x0) (local.get $y0)))
        (local.set $pe (f64.add (f64.add (f64.add (f64.sub (f64.mul (local.get $xa) (local.get $ya)) (local.get $p)) (f64.mul (local.get $xa) (local.get $yb))) (f64.mul (local.get $xb) (local.get $ya))) (f64.mul (local.get $xb) (local.get $yb))))
        (local.set $u (f64.mul (local.get $x0) (local.get $y1)))
        (local.set $ue (f64.add (f64.add (f64.add (f64.sub (f64.mul (local.get $xa) (local.get $y1a)) (local.get $u)) (f64.mul (local.get $xa) (local.get $y1b))) (f64.mul (local.get $xb) (local.get $y1a))) (f64.mul (local.get $xb) (local.get $y1b))))
        (local.set $v (f64.mul (local.get $x1) (local.get $y0)))
        (local.set $ve (f64.add (f64.add (f64.add (f64.sub (f64.mul (local.get $x1a) (local.get $ya)) (local.get $v)) (f64.mul (local.get $x1a) (local.get $yb))) (f64.mul (local.get $x1b) (local.get $ya))) (f64.mul (local.get $x1b) (local.get $yb))))
        (local.set $t (f64.add (local.get $s0) (local.get $p)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s0)))
        (local.set $f (f64.add (f64.sub (local.get $s0) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $p) (local.get $bb))))
        (local.set $s0 (local.get $t))
        (local.set $t (f64.add (local.get $s1) (local.get $f)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s1)))
        (local.set $g (f64.add (f64.sub (local.get $s1) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $f) (local.get $bb))))
        (local.set $s1 (local.get $t))
        (local.set $t (f64.add (local.get $s1) (local.get $pe)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s1)))
        (local.set $g (f64.add (local.get $g) (f64.add (f64.sub (local.get $s1) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $pe) (local.get $bb)))))
        (local.set $s1 (local.get $t))
        (local.set $t (f64.add (local.get $s1) (local.get $u)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s1)))
        (local.set $g (f64.add (local.get $g) (f64.add (f64.sub (local.get $s1) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $u) (local.get $bb)))))
        (local.set $s1 (local.get $t))
        (local.set $t (f64.add (local.get $s1) (local.get $v)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s1)))
        (local.set $g (f64.add (local.get $g) (f64.add (f64.sub (local.get $s1) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $v) (local.get $bb)))))
        (local.set $s1 (local.get $t))
        (local.set $s2
          (f64.add (local.get $s2)
            (f64.add
              (f64.add
                (f64.add
                  (f64.add
                    (f64.add (local.get $g) (local.get $ue))
                    (local.get $ve))
                  (f64.mul (local.get $x0) (f64.load offset=48 (local.get $j))))
                (f64.mul (local.get $x1) (local.get $y1)))
              (f64.mul (f64.load offset=48 (local.get $i)) (local.get $y0)))))
        (br $next)))
    (global.set $s0 (local.get $s0))
    (global.set $s1 (local.get $s1))
    (global.set $s2 (local.get $s2))
  )

  ;; The current part's terms added in quadruple-double to ($s0 … $s3): seriesMirror.wat's $quadDouble.
  (func $quadDouble
    (local $i i32) (local $j i32) (local $k i32)
    (local $xa f64) (local $xb f64) (local $x1 f64) (local $x1a f64) (local $x1b f64)
    (local $x2 f64) (local $x2a f64) (local $x2b f64) (local $x3 f64)
    (local $ya f64) (local $yb f64) (local $y1 f64) (local $y1a f64) (local $y1b f64)
    (local $y2 f64) (local $y2a f64) (local $y2b f64) (local $y3 f64)
    (local $x0 f64) (local $y0 f64) (local $t f64) (local $bb f64) (local $e f64) (local $w f64)
    (local $p f64) (local $u f64) (local $v f64) (local $ua f64) (local $ub f64) (local $uc f64)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64)
    (local.set $s0 (global.get $s0))
    (local.set $s1 (global.get $s1))
    (local.set $s2 (global.get $s2))
    (local.set $s3 (global.get $s3))
    (local.set $i (i32.sub (global.get $pa) (global.get $psa)))
    (local.set $j (i32.sub (global.get $pb) (global.get $psb)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $k) (global.get $pn)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (global.get $psa)))
        (local.set $j (i32.add (local.get $j) (global.get $psb)))
        (br_if $next
          (i32.or
            (f64.eq (f64.load offset=24 (local.get $i)) (f64.const 0))
            (f64.eq (f64.load offset=24 (local.get $j)) (f64.const 0))))
        (local.set $xa (f64.load (local.get $i)))
        (local.set $xb (f64.load offset=8 (local.get $i)))
        (local.set $x1 (f64.load offset=16 (local.get $i)))
        (local.set $x1a (f64.load offset=32 (local.get $i)))
        (local.set $x1b (f64.load offset=40 (local.get $i)))
        (local.set $x2 (f64.load offset=48 (local.get $i)))
        (local.set $x3 (f64.load offset=56 (local.get $i)))
        (local.set $ya (f64.load (local.get $j)))
        (local.set $yb (f64.load offset=8 (local.get $j)))
        (local.set $y1 (f64.load offset=16 (local.get $j)))
        (local.set $y1a (f64.load offset=32 (local.get $j)))
        (local.set $y1b (f64.load offset=40 (local.get $j)))
        (local.set $y2 (f64.load offset=48 (local.get $j)))
        (local.set $y3 (f64.load offset=56 (local.get $j)))
        (local.set $t (f64.mul (f64.const 134217729) (local.get $x2)))
        (local.set $x2a (f64.sub (local.get $t) (f64.sub (local.get $t) (local.get $x2))))
        (local.set $x2b (f64.sub (local.get $x2) (local.get $x2a)))
        (local.set $t (f64.mul (f64.const 134217729) (local.get $y2)))
        (local.set $y2a (f64.sub (local.get $t) (f64.sub (local.get $t) (local.get $y2))))
        (local.set $y2b (f64.sub (local.get $y2) (local.get $y2a)))
        (local.set $x0 (f64.add (local.get $xa) (local.get $xb)))
        (local.set $y0 (f64.add (local.get $ya) (local.get $yb)))
        (local.set $p (f64.mul (local.get $x0) (local.get $y0)))
        (local.set $u (f64.mul (local.get $x0) (local.get $y1)))
        (local.set $v (f64.mul (local.get $x1) (local.get $y0)))
        (local.set $ua (f64.mul (local.get $x0) (local.get $y2)))
        (local.set $ub (f64.mul (local.get $x1) (local.get $y1)))
        (local.set $uc (f64.mul (local.get $x2) (local.get $y0)))
        (local.set $t (f64.add (local.get $s0) (local.get $p)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s0)))
        (local.set $w (f64.add (f64.sub (local.get $s0) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $p) (local.get $bb))))
        (local.set $s0 (local.get $t))
        (local.set $t (f64.add (local.get $s1) (local.get $w)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s1)))
        (local.set $e (f64.add (f64.sub (local.get $s1) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $w) (local.get $bb))))
        (local.set $s1 (local.get $t))
        (local.set $t (f64.add (local.get $s2) (local.get $e)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s2)))
        (local.set $s3 (f64.add (local.get $s3) (f64.add (f64.sub (local.get $s2) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $e) (local.get $bb)))))
        (local.set $s2 (local.get $t))
        (local.set $w (f64.add (f64.add (f64.add (f64.sub (f64.mul (local.get $xa) (local.get $ya)) (local.get $p)) (f64.mul (local.get $xa) (local.get $yb))) (f64.mul (local.get $xb) (local.get $ya))) (f64.mul (local.get $xb) (local.get $yb))))
        (local.set $t (f64.add (local.get $s1) (local.get $w)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s1)))
        (local.set $e (f64.add (f64.sub (local.get $s1) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $w) (local.get $bb))))
        (local.set $s1 (local.get $t))
        (local.set $t (f64.add (local.get $s2) (local.get $e)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s2)))
        (local.set $s3 (f64.add (local.get $s3) (f64.add (f64.sub (local.get $s2) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $e) (local.get $bb)))))
        (local.set $s2 (local.get $t))
        (local.set $t (f64.add (local.get $s1) (local.get $u)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s1)))
        (local.set $e (f64.add (f64.sub (local.get $s1) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $u) (local.get $bb))))
        (local.set $s1 (local.get $t))
        (local.set $t (f64.add (local.get $s2) (local.get $e)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s2)))
        (local.set $s3 (f64.add (local.get $s3) (f64.add (f64.sub (local.get $s2) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $e) (local.get $bb)))))
        (local.set $s2 (local.get $t))
        (local.set $t (f64.add (local.get $s1) (local.get $v)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s1)))
        (local.set $e (f64.add (f64.sub (local.get $s1) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $v) (local.get $bb))))
        (local.set $s1 (local.get $t))
        (local.set $t (f64.add (local.get $s2) (local.get $e)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s2)))
        (local.set $s3 (f64.add (local.get $s3) (f64.add (f64.sub (local.get $s2) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $e) (local.get $bb)))))
        (local.set $s2 (local.get $t))
        (local.set $w (f64.add (f64.add (f64.add (f64.sub (f64.mul (local.get $xa) (local.get $y1a)) (local.get $u)) (f64.mul (local.get $xa) (local.get $y1b))) (f64.mul (local.get $xb) (local.get $y1a))) (f64.mul (local.get $xb) (local.get $y1b))))
        (local.set $t (f64.add (local.get $s2) (local.get $w)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s2)))
        (local.set $s3 (f64.add (local.get $s3) (f64.add (f64.sub (local.get $s2) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $w) (local.get $bb)))))
        (local.set $s2 (local.get $t))
        (local.set $w (f64.add (f64.add (f64.add (f64.sub (f64.mul (local.get $x1a) (local.get $ya)) (local.get $v)) (f64.mul (local.get $x1a) (local.get $yb))) (f64.mul (local.get $x1b) (local.get $ya))) (f64.mul (local.get $x1b) (local.get $yb))))
        (local.set $t (f64.add (local.get $s2) (local.get $w)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s2)))
        (local.set $s3 (f64.add (local.get $s3) (f64.add (f64.sub (local.get $s2) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $w) (local.get $bb)))))
        (local.set $s2 (local.get $t))
        (local.set $t (f64.add (local.get $s2) (local.get $ua)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s2)))
        (local.set $s3 (f64.add (local.get $s3) (f64.add (f64.sub (local.get $s2) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $ua) (local.get $bb)))))
        (local.set $s2 (local.get $t))
        (local.set $t (f64.add (local.get $s2) (local.get $ub)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s2)))
        (local.set $s3 (f64.add (local.get $s3) (f64.add (f64.sub (local.get $s2) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $ub) (local.get $bb)))))
        (local.set $s2 (local.get $t))
        (local.set $t (f64.add (local.get $s2) (local.get $uc)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s2)))
        (local.set $s3 (f64.add (local.get $s3) (f64.add (f64.sub (local.get $s2) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $uc) (local.get $bb)))))
        (local.set $s2 (local.get $t))
        (local.set $w
          (f64.add
            (f64.add
              (f64.add
                (f64.add
                  (f64.add
                    (f64.add
                      (f64.add (f64.add (f64.add (f64.sub (f64.mul (local.get $xa) (local.get $y2a)) (local.get $ua)) (f64.mul (local.get $xa) (local.get $y2b))) (f64.mul (local.get $xb) (local.get $y2a))) (f64.mul (local.get $xb) (local.get $y2b)))
                      (f64.add (f64.add (f64.add (f64.sub (f64.mul (local.get $x1a) (local.get $y1a)) (local.get $ub)) (f64.mul (local.get $x1a) (local.get $y1b))) (f64.mul (local.get $x1b) (local.get $y1a))) (f64.mul (local.get $x1b) (local.get $y1b))))
                    (f64.add (f64.add (f64.add (f64.sub (f64.mul (local.get $x2a) (local.get $ya)) (local.get $uc)) (f64.mul (local.get $x2a) (local.get $yb))) (f64.mul (local.get $x2b) (local.get $ya))) (f64.mul (local.get $x2b) (local.get $yb))))
                  (f64.mul (local.get $x0) (local.get $y3)))
                (f64.mul (local.get $x1) (local.get $y2)))
              (f64.mul (local.get $x2) (local.get $y1)))
            (f64.mul (local.get $x3) (local.get $y0))))
        (local.set $s3 (f64.add (local.get $s3) (local.get $w)))
        (br $next)))
    (global.set $s0 (local.get $s0))
    (global.set $s1 (local.get $s1))
    (global.set $s2 (local.get $s2))
    (global.set $s3 (local.get $s3))
  )


  ;; d cut into the bins: bin k gets fl(fl(σ_k + d) − σ_k), d keeps the (exact) rest; the rest
  ;; after the last bin is dropped (at most 2^−53·σ_K).
  (func $feed (param $d f64)
    (local $k i32) (local $s f64) (local $t f64) (local $end i32)
    (local.set $k (i32.const 64))
    (local.set $end (i32.add (i32.const 64) (i32.shl (global.get $bins) (i32.const 3))))
    (block $done
      (loop $next
        (br_if $done (i32.or (i32.ge_u (local.get $k) (local.get $end)) (f64.eq (local.get $d) (f64.const 0))))
        (local.set $s (f64.load offset=64 (local.get $k)))
        (local.set $t (f64.sub (f64.add (local.get $s) (local.get $d)) (local.get $s)))
        (f64.store (local.get $k) (f64.add (f64.load (local.get $k)) (local.get $t)))
        (local.set $d (f64.sub (local.get $d) (local.get $t)))
        (local.set $k (i32.add (local.get $k) (i32.const 8)))
        (br $next)))
  )

  ;; x·y = p + e exactly (Dekker: x = xa + xb, y = ya + yb, halves of 26 bits), both into the bins.
  (func $twoProduct (param $xa f64) (param $xb f64) (param $ya f64) (param $yb f64)
    (local $p f64)
    (local.set $p (f64.mul (f64.add (local.get $xa) (local.get $xb)) (f64.add (local.get $ya) (local.get $yb))))
    (call $feed (local.get $p))
    (call $feed
      (f64.add
        (f64.add
          (f64.add (f64.sub (f64.mul (local.get $xa) (local.get $ya)) (local.get $p)) (f64.mul (local.get $xa) (local.get $yb)))
          (f64.mul (local.get $xb) (local.get $ya)))
        (f64.mul (local.get $xb) (local.get $yb))))
  )

  ;; The current part's terms into the bins: per term the products x_a·y_b, a + b ≤ 3 exactly,
  ;; a + b = 4 plainly; what is left out or rounded is at most 5.1·2^−265·|x0|·|y0| a term.
  (func $exactPart
    (local $i i32) (local $j i32) (local $k i32) (local $t f64)
    (local $xa f64) (local $xb f64) (local $x1a f64) (local $x1b f64) (local $x2 f64) (local $x2a f64) (local $x2b f64)
    (local $x3 f64) (local $x3a f64) (local $x3b f64)
    (local $ya f64) (local $yb f64) (local $y1a f64) (local $y1b f64) (local $y2 f64) (local $y2a f64) (local $y2b f64)
    (local $y3 f64) (local $y3a f64) (local $y3b f64)
    (local.set $i (i32.sub (global.get $pa) (global.get $psa)))
    (local.set $j (i32.sub (global.get $pb) (global.get $psb)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $k) (global.get $pn)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (global.get $psa)))
        (local.set $j (i32.add (local.get $j) (global.get $psb)))
        (br_if $next
          (i32.or
            (f64.eq (f64.load offset=24 (local.get $i)) (f64.const 0))
            (f64.eq (f64.load offset=24 (local.get $j)) (f64.const 0))))
        (local.set $xa (f64.load (local.get $i)))
        (local.set $xb (f64.load offset=8 (local.get $i)))
        (local.set $x1a (f64.load offset=32 (local.get $i)))
        (local.set $x1b (f64.load offset=40 (local.get $i)))
        (local.set $x2 (f64.load offset=48 (local.get $i)))
        (local.set $x3 (f64.load offset=56 (local.get $i)))
        (local.set $ya (f64.load (local.get $j)))
        (local.set $yb (f64.load offset=8 (local.get $j)))
        (local.set $y1a (f64.load offset=32 (local.get $j)))
        (local.set $y1b (f64.load offset=40 (local.get $j)))
        (local.set $y2 (f64.load offset=48 (local.get $j)))
        (local.set $y3 (f64.load offset=56 (local.get $j)))
        (local.set $t (f64.mul (f64.const 134217729) (local.get $x2)))
        (local.set $x2a (f64.sub (local.get $t) (f64.sub (local.get $t) (local.get $x2))))
        (local.set $x2b (f64.sub (local.get $x2) (local.get $x2a)))
        (local.set $t (f64.mul (f64.const 134217729) (local.get $y2)))
        (local.set $y2a (f64.sub (local.get $t) (f64.sub (local.get $t) (local.get $y2))))
        (local.set $y2b (f64.sub (local.get $y2) (local.get $y2a)))
        (local.set $t (f64.mul (f64.const 134217729) (local.get $x3)))
        (local.set $x3a (f64.sub (local.get $t) (f64.sub (local.get $t) (local.get $x3))))
        (local.set $x3b (f64.sub (local.get $x3) (local.get $x3a)))
        (local.set $t (f64.mul (f64.const 134217729) (local.get $y3)))
        (local.set $y3a (f64.sub (local.get $t) (f64.sub (local.get $t) (local.get $y3))))
        (local.set $y3b (f64.sub (local.get $y3) (local.get $y3a)))
        (call $twoProduct (local.get $xa) (local.get $xb) (local.get $ya) (local.get $yb))
        (call $twoProduct (local.get $xa) (local.get $xb) (local.get $y1a) (local.get $y1b))
        (call $twoProduct (local.get $x1a) (local.get $x1b) (local.get $ya) (local.get $yb))
        (call $twoProduct (local.get $xa) (local.get $xb) (local.get $y2a) (local.get $y2b))
        (call $twoProduct (local.get $x1a) (local.get $x1b) (local.get $y1a) (local.get $y1b))
        (call $twoProduct (local.get $x2a) (local.get $x2b) (local.get $ya) (local.get $yb))
        (call $twoProduct (local.get $xa) (local.get $xb) (local.get $y3a) (local.get $y3b))
        (call $twoProduct (local.get $x1a) (local.get $x1b) (local.get $y2a) (local.get $y2b))
        (call $twoProduct (local.get $x2a) (local.get $x2b) (local.get $y1a) (local.get $y1b))
        (call $twoProduct (local.get $x3a) (local.get $x3b) (local.get $ya) (local.get $yb))
        (call $feed (f64.mul (f64.add (local.get $x1a) (local.get $x1b)) (local.get $y3)))
        (call $feed (f64.mul (local.get $x2) (local.get $y2)))
        (call $feed (f64.mul (local.get $x3) (f64.add (local.get $y1a) (local.get $y1b))))
        (br $next)))
  )

  ;; 2^k for −1022 ≤ k ≤ 1023.
  (func $pow2 (param $k i32) (result f64)
    (f64.reinterpret_i64 (i64.shl (i64.extend_i32_s (i32.add (local.get $k) (i32.const 1023))) (i64.const 52)))
  )

  ;; The bins for an exact sum of $n terms (23 doubles each) whose Σ|x0|·|y0| is $b > 0: M with
  ;; 2^M ≥ count + 2, σ_1 = 2^(e + M) for 2^e ≥ 1.03·b (each double is at most 1.003·|x0|·|y0|),
  ;; then σ_(k+1) = 2^(M−53)·σ_k until count·2^−53·σ_K, the most the dropped rests add up to, is
  ;; within an eighth of $room. Returns that drop bound, or −1 when more than 8 bins would be needed.
  (func $openBins (param $n i32) (param $b f64) (param $room f64) (result f64)
    (local $count f64) (local $m i32) (local $e i32) (local $s f64) (local $k i32) (local $step f64)
    (local.set $count (f64.convert_i32_s (i32.mul (local.get $n) (i32.const 23))))
    (local.set $m (i32.sub (i32.const 32) (i32.clz (i32.add (i32.mul (local.get $n) (i32.const 23)) (i32.const 1)))))
    (if (i32.gt_s (local.get $m) (i32.const 24)) (then (return (f64.const -1))))
    (local.set $e
      (i32.sub
        (i32.wrap_i64 (i64.and (i64.shr_u (i64.reinterpret_f64 (f64.mul (local.get $b) (f64.const 1.03))) (i64.const 52)) (i64.const 2047)))
        (i32.const 1022)))
    (if (i32.or (i32.lt_s (local.get $e) (i32.const -900)) (i32.gt_s (i32.add (local.get $e) (local.get $m)) (i32.const 1000)))
      (then (return (f64.const -1))))
    (local.set $s (call $pow2 (i32.add (local.get $e) (local.get $m))))
    (local.set $step (call $pow2 (i32.sub (local.get $m) (i32.const 53))))
    (local.set $k (i32.const 64))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (i32.const 128)))
        (f64.store (local.get $k) (f64.const 0))
        (f64.store offset=64 (local.get $k) (local.get $s))
        (local.set $k (i32.add (local.get $k) (i32.const 8)))
        (if (f64.le (f64.mul (f64.mul (local.get $count) (f64.const 0x1p-53)) (local.get $s)) (f64.mul (local.get $room) (f64.const 0.125)))
          (then
            (global.set $bins (i32.shr_u (i32.sub (local.get $k) (i32.const 64)) (i32.const 3)))
            (return (f64.mul (f64.mul (local.get $count) (f64.const 0x1p-53)) (local.get $s)))))
        (local.set $s (f64.mul (local.get $s) (local.get $step)))
        (br $next)))
    (f64.const -1)
  )

  ;; The bins' exact sum into $s0 … $s3: two passes of two-sums from the last bin up (exact), then
  ;; the bins past the fourth added plainly to the fourth. Returns a bound on that rounding:
  ;; 2^−50·Σ_(k≥3)|bin_k| (at most five roundings, each within 2^−53 of a partial sum).
  (func $closeBins (result f64)
    (local $k i32) (local $pass i32) (local $end i32) (local $a f64) (local $c f64) (local $t f64) (local $bb f64)
    (local $rest f64) (local $mag f64)
    (local.set $end (i32.add (i32.const 64) (i32.shl (global.get $bins) (i32.const 3))))
    (block $passed
      (loop $passes
        (br_if $passed (i32.ge_s (local.get $pass) (i32.const 2)))
        (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
        ;; bins k and k + 1 (byte address $k of bin k) from the last pair up
        (local.set $k (i32.sub (local.get $end) (i32.const 16)))
        (block $up
          (loop $pair
            (br_if $up (i32.lt_s (local.get $k) (i32.const 64)))
            (local.set $a (f64.load (local.get $k)))
            (local.set $c (f64.load offset=8 (local.get $k)))
            (local.set $t (f64.add (local.get $a) (local.get $c)))
            (local.set $bb (f64.sub (local.get $t) (local.get $a)))
            (f64.store (local.get $k) (local.get $t))
            (f64.store offset=8 (local.get $k) (f64.add (f64.sub (local.get $a) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $c) (local.get $bb))))
            (local.set $k (i32.sub (local.get $k) (i32.const 8)))
            (br $pair)))
        (br $passes)))
    (global.set $s0 (if (result f64) (i32.gt_u (global.get $bins) (i32.const 0)) (then (f64.load (i32.const 64))) (else (f64.const 0))))
    (global.set $s1 (if (result f64) (i32.gt_u (global.get $bins) (i32.const 1)) (then (f64.load (i32.const 72))) (else (f64.const 0))))
    (global.set $s2 (if (result f64) (i32.gt_u (global.get $bins) (i32.const 2)) (then (f64.load (i32.const 80))) (else (f64.const 0))))
    (local.set $rest (if (result f64) (i32.gt_u (global.get $bins) (i32.const 3)) (then (f64.load (i32.const 88))) (else (f64.const 0))))
    (local.set $mag (f64.abs (local.get $rest)))
    (local.set $k (i32.const 96))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $end)))
        (local.set $rest (f64.add (local.get $rest) (f64.load (local.get $k))))
        (local.set $mag (f64.add (local.get $mag) (f64.abs (f64.load (local.get $k)))))
        (local.set $k (i32.add (local.get $k) (i32.const 8)))
        (br $next)))
    (global.set $s3 (local.get $rest))
    (if (result f64) (i32.gt_u (global.get $bins) (i32.const 4))
      (then (f64.mul (local.get $mag) (f64.const 0x1p-50)))
      (else (f64.const 0)))
  )

  ;; $s0 + … + $s3, made an expansion that satisfies the layout's condition by three passes of
  ;; two-sums from the bottom (each pass exact: the four parts keep their sum), stored with its
  ;; splits at $at. Returns 0, storing nothing, when the condition does not hold after them.
  (func $finish (param $at i32) (result i32)
    (local $a0 f64) (local $a1 f64) (local $a2 f64) (local $a3 f64)
    (local $t f64) (local $bb f64) (local $e f64) (local $pass i32)
    (local.set $a0 (global.get $s0))
    (local.set $a1 (global.get $s1))
    (local.set $a2 (global.get $s2))
    (local.set $a3 (global.get $s3))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $pass) (i32.const 3)))
        (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
        ;; (t, a3) = two-sum(a2, a3)
        (local.set $t (f64.add (local.get $a2) (local.get $a3)))
        (local.set $bb (f64.sub (local.get $t) (local.get $a2)))
        (local.set $a3 (f64.add (f64.sub (local.get $a2) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $a3) (local.get $bb))))
        ;; (t, a2) = two-sum(a1, t)
        (local.set $e (local.get $t))
        (local.set $t (f64.add (local.get $a1) (local.get $e)))
        (local.set $bb (f64.sub (local.get $t) (local.get $a1)))
        (local.set $a2 (f64.add (f64.sub (local.get $a1) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $e) (local.get $bb))))
        ;; (a0, a1) = two-sum(a0, t)
        (local.set $e (local.get $t))
        (local.set $t (f64.add (local.get $a0) (local.get $e)))
        (local.set $bb (f64.sub (local.get $t) (local.get $a0)))
        (local.set $a1 (f64.add (f64.sub (local.get $a0) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $e) (local.get $bb))))
        (local.set $a0 (local.get $t))
        (br $next)))
    ;; |a_i| ≤ 1.001·2^(−53i)·|a0| (a0 = 0 leaves only zeros); a NaN fails it too
    (local.set $t (f64.abs (local.get $a0)))
    (if (i32.eqz
          (i32.and
            (i32.and
              (f64.le (f64.abs (local.get $a1)) (f64.mul (local.get $t) (f64.const 0x1.0041893p-53)))
              (f64.le (f64.abs (local.get $a2)) (f64.mul (local.get $t) (f64.const 0x1.0041893p-106))))
            (i32.and
              (f64.le (f64.abs (local.get $a3)) (f64.mul (local.get $t) (f64.const 0x1.0041893p-159)))
              (f64.lt (local.get $t) (f64.const 0x1p400)))))
      (then (return (i32.const 0))))
    (f64.store (local.get $at) (local.get $a0))
    (f64.store offset=16 (local.get $at) (local.get $a1))
    (f64.store offset=48 (local.get $at) (local.get $a2))
    (f64.store offset=56 (local.get $at) (local.get $a3))
    (call $prepare (local.get $at) (i32.const 1))
    (i32.const 1)
  )

  ;; o_i + v as o_i + (its error to level i + 1), down the output's four levels; the last plainly.
  (func $add (param $v f64)
    (local $t f64) (local $bb f64) (local $e f64)
    (local.set $t (f64.add (global.get $o0) (local.get $v)))
    (local.set $bb (f64.sub (local.get $t) (global.get $o0)))
    (local.set $e (f64.add (f64.sub (global.get $o0) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $v) (local.get $bb))))
    (global.set $o0 (local.get $t))
    (local.set $v (local.get $e))
    (local.set $t (f64.add (global.get $o1) (local.get $v)))
    (local.set $bb (f64.sub (local.get $t) (global.get $o1)))
    (local.set $e (f64.add (f64.sub (global.get $o1) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $v) (local.get $bb))))
    (global.set $o1 (local.get $t))
    (local.set $v (local.get $e))
    (local.set $t (f64.add (global.get $o2) (local.get $v)))
    (local.set $bb (f64.sub (local.get $t) (global.get $o2)))
    (local.set $e (f64.add (f64.sub (global.get $o2) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $v) (local.get $bb))))
    (global.set $o2 (local.get $t))
    (global.set $o3 (f64.add (global.get $o3) (local.get $e)))
  )

  ;; The current part summed from 0 at the cheapest level whose worst-case error (seriesMirror.ts's
  ;; bounds, from B = Σ|x0|·|y0| over its n terms, N = n + 9, 1.01·B for the rounding of B) is at
  ;; most $room, into $s0 … $s3. Returns 0 when no level's bound holds.
  (func $sumPart (param $room f64) (result i32)
    (local $b f64) (local $nf f64) (local $scaled f64)
    (local.set $b (call $bound))
    (global.set $s0 (f64.const 0))
    (global.set $s1 (f64.const 0))
    (global.set $s2 (f64.const 0))
    (global.set $s3 (f64.const 0))
    (local.set $nf (f64.convert_i32_s (i32.add (global.get $pn) (i32.const 9))))
    (local.set $scaled (f64.mul (f64.mul (f64.mul (local.get $nf) (local.get $nf)) (f64.const 1.01)) (local.get $b)))
    (if (f64.le (f64.mul (local.get $scaled) (f64.const 0x1p-106)) (local.get $room))
      (then (call $doubleDouble) (return (i32.const 1))))
    (local.set $scaled (f64.mul (local.get $scaled) (local.get $nf)))
    (if (f64.le (f64.mul (local.get $scaled) (f64.const 0x1p-155)) (local.get $room))
      (then (call $tripleDouble) (return (i32.const 1))))
    (local.set $scaled (f64.mul (local.get $scaled) (local.get $nf)))
    (if (f64.le (f64.mul (local.get $scaled) (f64.const 0x1p-203)) (local.get $room))
      (then (call $quadDouble) (return (i32.const 1))))
    (i32.const 0)
  )

  ;; Every part of the output at $at ($parts of them) summed from 0 at one level, the cheapest whose
  ;; worst-case error, from B and n over all their terms, is at most $room (one long sum, as in
  ;; seriesMirror.wat), or, where none is, exactly (`exactPart`) with its error checked to be
  ;; within $room, into $s0 … $s3. Returns 0 when that fails too.
  (func $sumWhole (param $at i32) (param $parts i32) (param $q i32) (param $room f64) (result i32)
    (local $k i32) (local $p i32) (local $b f64) (local $n i32) (local $nf f64) (local $scaled f64) (local $level i32)
    (local $b2 f64) (local $t f64) (local $drop f64)
    (local.set $p (local.get $at))
    (block $bounded
      (loop $bounding
        (br_if $bounded (i32.ge_s (local.get $k) (local.get $parts)))
        (call $part (i32.load (local.get $p)) (i32.load offset=4 (local.get $p)) (i32.load offset=8 (local.get $p)) (local.get $q))
        (local.set $t (call $bound))
        (local.set $b (f64.add (local.get $b) (local.get $t)))
        (if (i32.eq (i32.load (local.get $p)) (i32.const 2)) (then (local.set $b2 (f64.add (local.get $b2) (local.get $t)))))
        (local.set $n (i32.add (local.get $n) (global.get $pn)))
        (local.set $p (i32.add (local.get $p) (i32.const 12)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $bounding)))
    (local.set $nf (f64.convert_i32_s (i32.add (local.get $n) (i32.const 9))))
    (local.set $scaled (f64.mul (f64.mul (f64.mul (local.get $nf) (local.get $nf)) (f64.const 1.01)) (local.get $b)))
    (local.set $level
      (if (result i32) (f64.le (f64.mul (local.get $scaled) (f64.const 0x1p-106)) (local.get $room))
        (then (i32.const 1))
        (else
          (if (result i32) (f64.le (f64.mul (f64.mul (local.get $scaled) (local.get $nf)) (f64.const 0x1p-155)) (local.get $room))
            (then (i32.const 2))
            (else
              (if (result i32) (f64.le (f64.mul (f64.mul (f64.mul (local.get $scaled) (local.get $nf)) (local.get $nf)) (f64.const 0x1p-203)) (local.get $room))
                (then (i32.const 3))
                (else (i32.const 0))))))))
    (if (i32.eqz (local.get $level))
      (then
        (if (i32.eqz (global.get $exact)) (then (return (i32.const 0))))
        ;; the exact sum: its error is the dropped rests (`openBins`), the terms left out
        ;; (5.1·2^−265·1.03·b), the constants c_q of kind 2, converted within 1.01·2^−212 of
        ;; themselves (2^−210·b2), underflow (2^−1000 a double at most), and the final rounding
        (local.set $drop (call $openBins (local.get $n) (local.get $b) (local.get $room)))
        (if (f64.lt (local.get $drop) (f64.const 0)) (then (return (i32.const 0))))
        (local.set $k (i32.const 0))
        (local.set $p (local.get $at))
        (block $summed
          (loop $summing
            (br_if $summed (i32.ge_s (local.get $k) (local.get $parts)))
            (call $part (i32.load (local.get $p)) (i32.load offset=4 (local.get $p)) (i32.load offset=8 (local.get $p)) (local.get $q))
            (call $exactPart)
            (local.set $p (i32.add (local.get $p) (i32.const 12)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $summing)))
        (return
          (f64.le
            (f64.add
              (f64.add (local.get $drop) (call $closeBins))
              (f64.add
                (f64.add (f64.mul (local.get $b) (f64.const 0x1.52p-263)) (f64.mul (local.get $b2) (f64.const 0x1p-210)))
                (f64.mul (f64.convert_i32_s (local.get $n)) (f64.const 0x1p-995))))
            (local.get $room)))))
    (global.set $s0 (f64.const 0))
    (global.set $s1 (f64.const 0))
    (global.set $s2 (f64.const 0))
    (global.set $s3 (f64.const 0))
    (local.set $k (i32.const 0))
    (local.set $p (local.get $at))
    (block $summed
      (loop $summing
        (br_if $summed (i32.ge_s (local.get $k) (local.get $parts)))
        (call $part (i32.load (local.get $p)) (i32.load offset=4 (local.get $p)) (i32.load offset=8 (local.get $p)) (local.get $q))
        (if (i32.eq (local.get $level) (i32.const 1))
          (then (call $doubleDouble))
          (else
            (if (i32.eq (local.get $level) (i32.const 2))
              (then (call $tripleDouble))
              (else (call $quadDouble)))))
        (local.set $p (i32.add (local.get $p) (i32.const 12)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $summing)))
    (i32.const 1)
  )

  ;; The output whose $parts parts start at $at, not whole: one part summed within $room; k > 1
  ;; parts each within room/(k + 1) (times 0.999, for the rounding of the quotient), their levels
  ;; added into the output's four by `add`, whose one rounding a step, at the last level, costs at
  ;; most (4k)⁴·2^−212·A in all, A the sum of the parts' |s_i| (every two-sum's error is below
  ;; 2^−53 of its result: level i stays below (4k)^i·2^(−53i)·A, 1.01·A for the factors 1 + 2^−53
  ;; left out), checked to be within room/(k + 1) too. Into $s0 … $s3; returns 0 when a bound fails.
  (func $sumParts (param $at i32) (param $parts i32) (param $q i32) (param $room f64) (result i32)
    (local $k i32) (local $share f64) (local $a f64) (local $kf f64)
    (if (i32.eqz (local.get $parts))
      (then
        (global.set $s0 (f64.const 0))
        (global.set $s1 (f64.const 0))
        (global.set $s2 (f64.const 0))
        (global.set $s3 (f64.const 0))
        (return (i32.const 1))))
    (if (i32.eq (local.get $parts) (i32.const 1))
      (then
        (call $part (i32.load (local.get $at)) (i32.load offset=4 (local.get $at)) (i32.load offset=8 (local.get $at)) (local.get $q))
        (return (call $sumPart (local.get $room)))))
    (local.set $share (f64.div (f64.mul (local.get $room) (f64.const 0.999)) (f64.convert_i32_s (i32.add (local.get $parts) (i32.const 1)))))
    (global.set $o0 (f64.const 0))
    (global.set $o1 (f64.const 0))
    (global.set $o2 (f64.const 0))
    (global.set $o3 (f64.const 0))
    (block $summed
      (loop $summing
        (br_if $summed (i32.ge_s (local.get $k) (local.get $parts)))
        (call $part (i32.load (local.get $at)) (i32.load offset=4 (local.get $at)) (i32.load offset=8 (local.get $at)) (local.get $q))
        (if (i32.eqz (call $sumPart (local.get $share))) (then (return (i32.const 0))))
        (local.set $a
          (f64.add (local.get $a)
            (f64.add (f64.add (f64.abs (global.get $s0)) (f64.abs (global.get $s1))) (f64.add (f64.abs (global.get $s2)) (f64.abs (global.get $s3))))))
        (call $add (global.get $s0))
        (call $add (global.get $s1))
        (call $add (global.get $s2))
        (call $add (global.get $s3))
        (local.set $at (i32.add (local.get $at) (i32.const 12)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $summing)))
    ;; (4k)⁴·2^−212·1.01·A within the share
    (local.set $kf (f64.mul (f64.const 4) (f64.convert_i32_s (local.get $parts))))
    (if (i32.eqz
          (f64.le
            (f64.mul (f64.mul (f64.mul (f64.mul (local.get $kf) (local.get $kf)) (f64.mul (local.get $kf) (local.get $kf))) (f64.const 0x1p-212))
              (f64.mul (f64.const 1.01) (local.get $a)))
            (local.get $share)))
      (then (return (i32.const 0))))
    (global.set $s0 (global.get $o0))
    (global.set $s1 (global.get $o1))
    (global.set $s2 (global.get $o2))
    (global.set $s3 (global.get $o3))
    (i32.const 1)
  )

  ;; Runs the program at $prog for order $q. An output whose mode (bit 1 of its shift word) is 1,
  ;; or every output when bit 0 of $mode is 1 (the low orders), is one long sum ($sumWhole); the
  ;; others sum part by part ($sumParts). With bit 1 of $mode, where those bounds fail, the output
  ;; is one long sum, exact where no level's bound holds. Returns the number of outputs done: all of them, or fewer where
  ;; even that failed (a sum too large for the bins, or failing the layout's condition); the
  ;; caller then leaves the step to BigInt.
  (func (export "run") (param $prog i32) (param $q i32) (param $room f64) (param $mode i32) (result i32)
    (local $outputs i32) (local $o i32) (local $ptr i32) (local $parts i32) (local $at i32) (local $whole i32)
    (local.set $whole (i32.and (local.get $mode) (i32.const 1)))
    (global.set $exact (i32.shr_u (local.get $mode) (i32.const 1)))
    (local.set $outputs (i32.load (local.get $prog)))
    (local.set $ptr (i32.add (local.get $prog) (i32.const 4)))
    (block $done
      (loop $output
        (br_if $done (i32.ge_s (local.get $o) (local.get $outputs)))
        (local.set $parts (i32.load offset=8 (local.get $ptr)))
        (local.set $at (i32.add (local.get $ptr) (i32.const 12)))
        (if (i32.or (local.get $whole) (i32.and (i32.load offset=4 (local.get $ptr)) (i32.const 2)))
          (then (br_if $done (i32.eqz (call $sumWhole (local.get $at) (local.get $parts) (local.get $q) (local.get $room)))))
          (else
            (if (i32.eqz (call $sumParts (local.get $at) (local.get $parts) (local.get $q) (local.get $room)))
              (then (br_if $done (i32.or (i32.eqz (global.get $exact)) (i32.eqz (call $sumWhole (local.get $at) (local.get $parts) (local.get $q) (local.get $room)))))))))
        ;; coefficient q + shift of the destination
        (br_if $done
          (i32.eqz
            (call $finish
              (i32.add (i32.load (local.get $ptr))
                (i32.shl (i32.add (local.get $q) (i32.and (i32.load offset=4 (local.get $ptr)) (i32.const 1))) (i32.const 6))))))
        (local.set $ptr (i32.add (local.get $at) (i32.mul (local.get $parts) (i32.const 12))))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (br $output)))
    (local.get $o)
  )
)
