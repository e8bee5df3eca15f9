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
  ;; seriesMirror.wat), into $s0 … $s3. Returns 0 when no level's bound holds.
  (func $sumWhole (param $at i32) (param $parts i32) (param $q i32) (param $room f64) (result i32)
    (local $k i32) (local $p i32) (local $b f64) (local $n i32) (local $nf f64) (local $scaled f64) (local $level i32)
    (local.set $p (local.get $at))
    (block $bounded
      (loop $bounding
        (br_if $bounded (i32.ge_s (local.get $k) (local.get $parts)))
        (call $part (i32.load (local.get $p)) (i32.load offset=4 (local.get $p)) (i32.load offset=8 (local.get $p)) (local.get $q))
        (local.set $b (f64.add (local.get $b) (call $bound)))
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
    (if (i32.eqz (local.get $level)) (then (return (i32.const 0))))
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

  ;; Runs the program at $prog for order $q. An output whose mode (bit 1 of its shift word) is
  ;; 1 is one long sum ($sumWhole). Otherwise, an output of one part is that part's sum within
  ;; $room; one of k > 1 parts sums each part within room/(k + 1) (times 0.999, for the rounding
  ;; of the quotient) and adds the parts' levels into its own four by `add`, whose one rounding a
  ;; step, at the last level, costs at most (4k)⁴·2^−212·A in all, A the sum of the parts' |s_i|
  ;; (every two-sum's error is below 2^−53 of its result: level i stays below (4k)^i·2^(−53i)·A,
  ;; 1.01·A for the factors 1 + 2^−53 left out), checked to be within room/(k + 1) too. Returns the
  ;; number of outputs done: all of them, or fewer where a bound failed (or a sum failed the
  ;; layout's condition); the caller then leaves the step to BigInt.
  (func (export "run") (param $prog i32) (param $q i32) (param $room f64) (result i32)
    (local $outputs i32) (local $o i32) (local $ptr i32) (local $parts i32) (local $k i32) (local $at i32)
    (local $share f64) (local $a f64) (local $kf f64)
    (local.set $outputs (i32.load (local.get $prog)))
    (local.set $ptr (i32.add (local.get $prog) (i32.const 4)))
    (block $done
      (loop $output
        (br_if $done (i32.ge_s (local.get $o) (local.get $outputs)))
        (local.set $parts (i32.load offset=8 (local.get $ptr)))
        (local.set $at (i32.add (local.get $ptr) (i32.const 12)))
        (if (i32.and (i32.load offset=4 (local.get $ptr)) (i32.const 2))
          (then
            (br_if $done (i32.eqz (call $sumWhole (local.get $at) (local.get $parts) (local.get $q) (local.get $room))))
            (local.set $at (i32.add (local.get $at) (i32.mul (local.get $parts) (i32.const 12)))))
        (else
        (if (i32.le_s (local.get $parts) (i32.const 1))
          (then
            (if (i32.eqz (local.get $parts))
              (then
                (global.set $s0 (f64.const 0))
                (global.set $s1 (f64.const 0))
                (global.set $s2 (f64.const 0))
                (global.set $s3 (f64.const 0)))
              (else
                (call $part (i32.load (local.get $at)) (i32.load offset=4 (local.get $at)) (i32.load offset=8 (local.get $at)) (local.get $q))
                (br_if $done (i32.eqz (call $sumPart (local.get $room))))
                (local.set $at (i32.add (local.get $at) (i32.const 12))))))
          (else
            (local.set $share (f64.div (f64.mul (local.get $room) (f64.const 0.999)) (f64.convert_i32_s (i32.add (local.get $parts) (i32.const 1)))))
            (global.set $o0 (f64.const 0))
            (global.set $o1 (f64.const 0))
            (global.set $o2 (f64.const 0))
            (global.set $o3 (f64.const 0))
            (local.set $a (f64.const 0))
            (local.set $k (i32.const 0))
            (block $summed
              (loop $summing
                (br_if $summed (i32.ge_s (local.get $k) (local.get $parts)))
                (call $part (i32.load (local.get $at)) (i32.load offset=4 (local.get $at)) (i32.load offset=8 (local.get $at)) (local.get $q))
                (br_if $done (i32.eqz (call $sumPart (local.get $share))))
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
            (br_if $done
              (i32.eqz
                (f64.le
                  (f64.mul (f64.mul (f64.mul (f64.mul (local.get $kf) (local.get $kf)) (f64.mul (local.get $kf) (local.get $kf))) (f64.const 0x1p-212))
                    (f64.mul (f64.const 1.01) (local.get $a)))
                  (local.get $share))))
            (global.set $s0 (global.get $o0))
            (global.set $s1 (global.get $o1))
            (global.set $s2 (global.get $o2))
            (global.set $s3 (global.get $o3))))))
        ;; coefficient q + shift of the destination
        (br_if $done
          (i32.eqz
            (call $finish
              (i32.add (i32.load (local.get $ptr))
                (i32.shl (i32.add (local.get $q) (i32.and (i32.load offset=4 (local.get $ptr)) (i32.const 1))) (i32.const 6))))))
        (local.set $ptr (local.get $at))
        (local.set $o (i32.add (local.get $o) (i32.const 1)))
        (br $output)))
    (local.get $o)
  )
)
