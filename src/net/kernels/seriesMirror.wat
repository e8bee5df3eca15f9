;; The float sums of SeriesMirror (src/net/kernels/_internals/seriesMirror.ts): the
;; double-double and triple-double middle terms Σ_{0<s<q} X_s·Y_{q−s} of one order of a
;; series product, on shadows laid out by the caller. A WebAssembly function is compiled
;; before its first call, so these loops run at full speed from the first step of a flow,
;; where the same loops in JavaScript would spend most of a short run unoptimised (a
;; double per operation allocated on the heap). The operations and their order are those
;; whose error bounds the TypeScript module states; nothing here fuses or reorders them.
;; Compiled by `npm run build:wasm` into src/net/kernels/_generated/seriesMirrorWasm.ts.
;;
;; A shadow is 64 bytes per coefficient, at a byte address: [x0 high half, x0 low half, x1,
;; |x0|, x1 high half, x1 low half, x2, x3]. The caller writes x0, x1, x2 and x3 at bytes
;; 0, 16, 48 and 56 of each coefficient, and `prepare` fills in the rest. Bytes 0–31 of the
;; memory receive the rounded sums.
(module
  (import "env" "memory" (memory 1))

  ;; Dekker's split of x0 (bytes 0 → 0, 8) and x1 (16 → 32, 40), and |x0| (24), for `count`
  ;; coefficients from byte address $at.
  (func (export "prepare") (param $at i32) (param $count i32)
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

  ;; Σ_{from≤s<to} |x0_s|·|y0_{q−s}| for the shadows at $a and $b.
  (func $bound (param $a i32) (param $b i32) (param $q i32) (param $from i32) (param $to i32) (result f64)
    (local $s i32) (local $acc f64)
    (local.set $s (local.get $from))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $s) (local.get $to)))
        (local.set $acc
          (f64.add (local.get $acc)
            (f64.mul
              (f64.load offset=24 (i32.add (local.get $a) (i32.shl (local.get $s) (i32.const 6))))
              (f64.load offset=24 (i32.add (local.get $b) (i32.shl (i32.sub (local.get $q) (local.get $s)) (i32.const 6)))))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $next)))
    (local.get $acc)
  )

  ;; Order $q of the product of the shadows at $a and $b, rounded to integers at bytes 0, 8,
  ;; 16 and 24: with $complete (the caller has set both series through order q) first every
  ;; term, 0 ≤ s ≤ q, returning 1; else, or when no bound below holds for every term, the
  ;; middle terms 0 < s < q, returning 2 (the caller adds the two end terms exactly); 0 when
  ;; no bound holds for them either (the caller then sums exactly).
  (func (export "cauchy") (param $a i32) (param $b i32) (param $q i32) (param $room f64) (param $complete i32) (result i32)
    (if (local.get $complete)
      (then
        (if (call $sumWithin (local.get $a) (local.get $b) (local.get $q) (i32.const 0) (i32.add (local.get $q) (i32.const 1)) (local.get $room))
          (then (return (i32.const 1))))))
    (if (call $sumWithin (local.get $a) (local.get $b) (local.get $q) (i32.const 1) (local.get $q) (local.get $room))
      (then (return (i32.const 2))))
    (i32.const 0)
  )

  ;; Σ_{from≤s<to} X_s·Y_{q−s} (n = to − from terms, N = n + 9) at bytes 0–31, in
  ;; double-double when N²·2^−106·1.01·bound ≤ $room, else in triple-double when
  ;; N³·2^−155·1.01·bound ≤ $room, else in quadruple-double when N⁴·2^−203·1.01·bound ≤ $room
  ;; (the error bounds of the module comment of seriesMirror.ts, 1.01 for the rounding of the
  ;; bound itself). Returns 1 when it summed, 0 when no bound holds.
  (func $sumWithin (param $a i32) (param $b i32) (param $q i32) (param $from i32) (param $to i32) (param $room f64) (result i32)
    (local $scaled f64) (local $n f64)
    (local.set $n (f64.convert_i32_s (i32.add (i32.sub (local.get $to) (local.get $from)) (i32.const 9))))
    ;; N²·1.01·bound, then N³ and N⁴
    (local.set $scaled
      (f64.mul (f64.mul (f64.mul (local.get $n) (local.get $n)) (f64.const 1.01))
        (call $bound (local.get $a) (local.get $b) (local.get $q) (local.get $from) (local.get $to))))
    (if (f64.le (f64.mul (local.get $scaled) (f64.const 0x1p-106)) (local.get $room))
      (then
        (call $doubleDouble (local.get $a) (local.get $b) (local.get $q) (local.get $from) (local.get $to))
        (return (i32.const 1))))
    (local.set $scaled (f64.mul (local.get $scaled) (local.get $n)))
    (if (f64.le (f64.mul (local.get $scaled) (f64.const 0x1p-155)) (local.get $room))
      (then
        (call $tripleDouble (local.get $a) (local.get $b) (local.get $q) (local.get $from) (local.get $to))
        (return (i32.const 1))))
    (local.set $scaled (f64.mul (local.get $scaled) (local.get $n)))
    (if (f64.le (f64.mul (local.get $scaled) (f64.const 0x1p-203)) (local.get $room))
      (then
        (call $quadDouble (local.get $a) (local.get $b) (local.get $q) (local.get $from) (local.get $to))
        (return (i32.const 1))))
    (i32.const 0)
  )

  ;; Σ_{from≤s<to} X_s·Y_{q−s} in double-double: x0·y0 exactly as p + its Dekker error, the cross
  ;; terms x0·y1 + x1·y0 into the low part, the high parts summed by two-sum.
  (func $doubleDouble (param $a i32) (param $b i32) (param $q i32) (param $from i32) (param $to i32)
    (local $s i32) (local $i i32) (local $j i32)
    (local $sh f64) (local $sl f64)
    (local $xa f64) (local $xb f64) (local $ya f64) (local $yb f64)
    (local $x0 f64) (local $y0 f64) (local $p f64) (local $pl f64) (local $sum f64) (local $bb f64)
    (local.set $s (local.get $from))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $s) (local.get $to)))
        (local.set $i (i32.add (local.get $a) (i32.shl (local.get $s) (i32.const 6))))
        (local.set $j (i32.add (local.get $b) (i32.shl (i32.sub (local.get $q) (local.get $s)) (i32.const 6))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
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
        ;; xa·ya − p + xa·yb + xb·ya + xb·yb + (x0·y1 + x1·y0), left to right
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
    (f64.store (i32.const 0) (f64.nearest (local.get $sh)))
    (f64.store (i32.const 8) (f64.nearest (local.get $sl)))
    (f64.store (i32.const 16) (f64.const 0))
    (f64.store (i32.const 24) (f64.const 0))
  )

  ;; Σ_{from≤s<to} X_s·Y_{q−s} in triple-double: x0·y0 on the first level; its error, x0·y1 and
  ;; x1·y0 on the second, each added by two-sum, whose errors go down a level; the second
  ;; level's errors with the products' errors, x0·y2, x1·y1 and x2·y0 on the third.
  (func $tripleDouble (param $a i32) (param $b i32) (param $q i32) (param $from i32) (param $to i32)
    (local $s i32) (local $i i32) (local $j i32)
    (local $s0 f64) (local $s1 f64) (local $s2 f64)
    (local $xa f64) (local $xb f64) (local $x1 f64) (local $x1a f64) (local $x1b f64)
    (local $ya f64) (local $yb f64) (local $y1 f64) (local $y1a f64) (local $y1b f64)
    (local $x0 f64) (local $y0 f64) (local $p f64) (local $pe f64) (local $u f64) (local $ue f64)
    (local $v f64) (local $ve f64) (local $t f64) (local $bb f64) (local $f f64) (local $g f64)
    (local.set $s (local.get $from))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $s) (local.get $to)))
        (local.set $i (i32.add (local.get $a) (i32.shl (local.get $s) (i32.const 6))))
        (local.set $j (i32.add (local.get $b) (i32.shl (i32.sub (local.get $q) (local.get $s)) (i32.const 6))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
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
        ;; s0 += p
        (local.set $t (f64.add (local.get $s0) (local.get $p)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s0)))
        (local.set $f (f64.add (f64.sub (local.get $s0) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $p) (local.get $bb))))
        (local.set $s0 (local.get $t))
        ;; s1 += f
        (local.set $t (f64.add (local.get $s1) (local.get $f)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s1)))
        (local.set $g (f64.add (f64.sub (local.get $s1) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $f) (local.get $bb))))
        (local.set $s1 (local.get $t))
        ;; s1 += pe, u, v
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
        ;; s2 += g + ue + ve + x0·y2 + x1·y1 + x2·y0, left to right
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
    (f64.store (i32.const 0) (f64.nearest (local.get $s0)))
    (f64.store (i32.const 8) (f64.nearest (local.get $s1)))
    (f64.store (i32.const 16) (f64.nearest (local.get $s2)))
    (f64.store (i32.const 24) (f64.const 0))
  )

  ;; Σ_{from≤s<to} X_s·Y_{q−s} in quadruple-double. Level 0: x0·y0; level 1: its error, x0·y1
  ;; and x1·y0; level 2: their errors, x0·y2, x1·y1 and x2·y0; level 3: those products'
  ;; errors and x0·y3 + x1·y2 + x2·y1 + x3·y0, summed plainly. Every product of levels 0–2
  ;; is split exactly (Dekker), every addition to s0, s1 and s2 is a two-sum whose error is
  ;; added to the next level the same way, down to s3, which is summed plainly.
  ;; Σ_{from≤s<to} X_s·Y_{q−s} in quadruple-double. Level 0: x0·y0; level 1: its error, x0·y1
  ;; and x1·y0; level 2: their errors, x0·y2, x1·y1 and x2·y0; level 3: those products'
  ;; errors and x0·y3 + x1·y2 + x2·y1 + x3·y0, summed plainly. Every product of levels 0–2
  ;; is split exactly (Dekker), every addition to s0, s1 and s2 is a two-sum whose error is
  ;; added to the next level the same way, down to s3, which is summed plainly. Written out
  ;; in full: the baseline compiler, which runs a short process, does not inline calls.
  (func $quadDouble (param $a i32) (param $b i32) (param $q i32) (param $from i32) (param $to i32)
    (local $s i32) (local $i i32) (local $j i32)
    (local $xa f64) (local $xb f64) (local $x1 f64) (local $x1a f64) (local $x1b f64)
    (local $x2 f64) (local $x2a f64) (local $x2b f64) (local $x3 f64)
    (local $ya f64) (local $yb f64) (local $y1 f64) (local $y1a f64) (local $y1b f64)
    (local $y2 f64) (local $y2a f64) (local $y2b f64) (local $y3 f64)
    (local $x0 f64) (local $y0 f64) (local $t f64) (local $bb f64) (local $e f64) (local $w f64)
    (local $p f64) (local $u f64) (local $v f64) (local $ua f64) (local $ub f64) (local $uc f64)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64)
    (local.set $s (local.get $from))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (local.get $s) (local.get $to)))
        (local.set $i (i32.add (local.get $a) (i32.shl (local.get $s) (i32.const 6))))
        (local.set $j (i32.add (local.get $b) (i32.shl (i32.sub (local.get $q) (local.get $s)) (i32.const 6))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
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
        ;; x2 and y2 are split here: only this sum multiplies them exactly
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
        ;; level 0: s0 += p by two-sum, its error to level 1
        (local.set $t (f64.add (local.get $s0) (local.get $p)))
        (local.set $bb (f64.sub (local.get $t) (local.get $s0)))
        (local.set $w (f64.add (f64.sub (local.get $s0) (f64.sub (local.get $t) (local.get $bb))) (f64.sub (local.get $p) (local.get $bb))))
        (local.set $s0 (local.get $t))
        ;; level 1: that error, p's, u and v
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
        ;; level 2: u's and v's errors, x0·y2, x1·y1, x2·y0
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
        ;; level 3: ae + be + ce + x0·y3 + x1·y2 + x2·y1 + x3·y0, left to right
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
    (f64.store (i32.const 0) (f64.nearest (local.get $s0)))
    (f64.store (i32.const 8) (f64.nearest (local.get $s1)))
    (f64.store (i32.const 16) (f64.nearest (local.get $s2)))
    (f64.store (i32.const 24) (f64.nearest (local.get $s3)))
  )
)
