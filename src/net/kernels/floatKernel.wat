;; The two matrix products of the float training kernel, in WebAssembly SIMD
;; (two f64 lanes). Each lane sums its terms one at a time in increasing order,
;; with a separate multiply and add, exactly like the scalar kernel.
;; Compiled by `npm run build:wasm` into src/net/kernels/_generated/floatKernelWasm.ts.
;;
;; Layout (byte addresses of f64 arrays, row-major): X n×dp (dp even), WT = W1ᵀ
;; dp×lp (lp a multiple of 8), B the hidden biases (lp), Z and H n×lp, R n×e,
;; A = W2 e×lp, and the gradients GA e×lp, GB lp, GT = (∂L/∂W1)ᵀ dp×lp, D n×lp.
;; Padding entries are zero and stay zero.
(module
  (import "env" "memory" (memory 1))

  ;; Z[i][k] = Σ_{m<d} X[i][m]·W1[k][m] + B[k], eight neurons per pass.
  (func (export "preActivations")
    (param $n i32) (param $d i32) (param $dp i32) (param $lp i32)
    (param $x i32) (param $wt i32) (param $b i32) (param $z i32)
    (local $i i32) (local $kb i32) (local $m i32)
    (local $xrow i32) (local $w i32) (local $zo i32) (local $rowBytes i32)
    (local $xs v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $rowBytes (i32.shl (local.get $lp) (i32.const 3)))
    (block $doneI
      (loop $eachI
        (br_if $doneI (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $xrow (i32.add (local.get $x) (i32.shl (i32.mul (local.get $i) (local.get $dp)) (i32.const 3))))
        (local.set $kb (i32.const 0))
        (block $doneK
          (loop $eachK
            (br_if $doneK (i32.ge_u (local.get $kb) (local.get $lp)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $a1 (v128.const f64x2 0 0))
            (local.set $a2 (v128.const f64x2 0 0))
            (local.set $a3 (v128.const f64x2 0 0))
            (local.set $w (i32.add (local.get $wt) (i32.shl (local.get $kb) (i32.const 3))))
            (local.set $m (i32.const 0))
            (block $doneM
              (loop $eachM
                (br_if $doneM (i32.ge_u (local.get $m) (local.get $d)))
                (local.set $xs (f64x2.splat (f64.load (i32.add (local.get $xrow) (i32.shl (local.get $m) (i32.const 3))))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $xs) (v128.load offset=0 (local.get $w)))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $xs) (v128.load offset=16 (local.get $w)))))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $xs) (v128.load offset=32 (local.get $w)))))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $xs) (v128.load offset=48 (local.get $w)))))
                (local.set $w (i32.add (local.get $w) (local.get $rowBytes)))
                (local.set $m (i32.add (local.get $m) (i32.const 1)))
                (br $eachM)))
            (local.set $zo (i32.add (local.get $z) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $lp)) (local.get $kb)) (i32.const 3))))
            (local.set $w (i32.add (local.get $b) (i32.shl (local.get $kb) (i32.const 3))))
            (v128.store offset=0 (local.get $zo) (f64x2.add (local.get $a0) (v128.load offset=0 (local.get $w))))
            (v128.store offset=16 (local.get $zo) (f64x2.add (local.get $a1) (v128.load offset=16 (local.get $w))))
            (v128.store offset=32 (local.get $zo) (f64x2.add (local.get $a2) (v128.load offset=32 (local.get $w))))
            (v128.store offset=48 (local.get $zo) (f64x2.add (local.get $a3) (v128.load offset=48 (local.get $w))))
            (local.set $kb (i32.add (local.get $kb) (i32.const 8)))
            (br $eachK)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $eachI))))

  ;; H = σ(Z) elementwise without branches: z where z > 0, neg·z elsewhere.
  (func (export "activate") (param $count i32) (param $z i32) (param $h i32) (param $neg f64)
    (local $end i32) (local $zv v128) (local $negv v128)
    (local.set $negv (f64x2.splat (local.get $neg)))
    (local.set $end (i32.add (local.get $z) (i32.shl (local.get $count) (i32.const 3))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $z) (local.get $end)))
        (local.set $zv (v128.load (local.get $z)))
        (v128.store (local.get $h)
          (v128.bitselect (local.get $zv) (f64x2.mul (local.get $negv) (local.get $zv)) (f64x2.gt (local.get $zv) (v128.const f64x2 0 0))))
        (local.set $z (i32.add (local.get $z) (i32.const 16)))
        (local.set $h (i32.add (local.get $h) (i32.const 16)))
        (br $each))))

  ;; Back-propagation for n points, accumulated in increasing i like the scalar
  ;; kernel (R already divided by n; GA and GB start at zero):
  ;;   GA[j][k] += R[i][j]·H[i][k]                 (output weights, e×lp)
  ;;   δ = s(z)·Σ_j A[j][k]·R[i][j], D[i][k] = δ   (s: 1 above 0, neg below, atZero at 0)
  ;;   GB[k] += δ                                   (hidden biases, lp)
  ;; and then GT[m][k] = Σ_i X[i][m]·D[i][k]         (W1ᵀ, dp×lp)
  (func (export "backward")
    (param $n i32) (param $e i32) (param $d i32) (param $dp i32) (param $lp i32)
    (param $z i32) (param $h i32) (param $r i32) (param $a i32) (param $x i32)
    (param $neg f64) (param $atZero f64)
    (param $ga i32) (param $dOut i32) (param $gb i32) (param $gt i32)
    (local $i i32) (local $j i32) (local $kb i32) (local $m i32)
    (local $off i32) (local $rowBytes i32) (local $rj v128) (local $zv v128) (local $s v128)
    (local $back v128) (local $delta v128) (local $xs v128) (local $p i32) (local $q i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $rowBytes (i32.shl (local.get $lp) (i32.const 3)))
    (block $doneI
      (loop $eachI
        (br_if $doneI (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $kb (i32.const 0))
        (block $doneK
          (loop $eachK
            (br_if $doneK (i32.ge_u (local.get $kb) (local.get $lp)))
            (local.set $off (i32.shl (i32.add (i32.mul (local.get $i) (local.get $lp)) (local.get $kb)) (i32.const 3)))
            (local.set $zv (v128.load (i32.add (local.get $z) (local.get $off))))
            (local.set $s
              (v128.bitselect (v128.const f64x2 1 1)
                (v128.bitselect (f64x2.splat (local.get $neg)) (f64x2.splat (local.get $atZero)) (f64x2.lt (local.get $zv) (v128.const f64x2 0 0)))
                (f64x2.gt (local.get $zv) (v128.const f64x2 0 0))))
            (local.set $back (v128.const f64x2 0 0))
            (local.set $j (i32.const 0))
            (block $doneJ
              (loop $eachJ
                (br_if $doneJ (i32.ge_u (local.get $j) (local.get $e)))
                (local.set $rj (f64x2.splat (f64.load (i32.add (local.get $r) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $e)) (local.get $j)) (i32.const 3))))))
                (local.set $p (i32.add (i32.mul (local.get $j) (local.get $rowBytes)) (i32.shl (local.get $kb) (i32.const 3))))
                (local.set $q (i32.add (local.get $ga) (local.get $p)))
                (v128.store (local.get $q) (f64x2.add (v128.load (local.get $q)) (f64x2.mul (local.get $rj) (v128.load (i32.add (local.get $h) (local.get $off))))))
                (local.set $back (f64x2.add (local.get $back) (f64x2.mul (v128.load (i32.add (local.get $a) (local.get $p))) (local.get $rj))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br $eachJ)))
            (local.set $delta (f64x2.mul (local.get $back) (local.get $s)))
            (v128.store (i32.add (local.get $dOut) (local.get $off)) (local.get $delta))
            (local.set $q (i32.add (local.get $gb) (i32.shl (local.get $kb) (i32.const 3))))
            (v128.store (local.get $q) (f64x2.add (v128.load (local.get $q)) (local.get $delta)))
            (local.set $kb (i32.add (local.get $kb) (i32.const 2)))
            (br $eachK)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $eachI)))
    ;; GT[m][k] = Σ_i X[i][m]·D[i][k], eight neurons per pass, in registers
    (local.set $m (i32.const 0))
    (block $doneM
      (loop $eachM
        (br_if $doneM (i32.ge_u (local.get $m) (local.get $d)))
        (local.set $kb (i32.const 0))
        (block $doneK2
          (loop $eachK2
            (br_if $doneK2 (i32.ge_u (local.get $kb) (local.get $lp)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $a1 (v128.const f64x2 0 0))
            (local.set $a2 (v128.const f64x2 0 0))
            (local.set $a3 (v128.const f64x2 0 0))
            (local.set $p (i32.add (local.get $dOut) (i32.shl (local.get $kb) (i32.const 3))))
            (local.set $q (i32.add (local.get $x) (i32.shl (local.get $m) (i32.const 3))))
            (local.set $i (i32.const 0))
            (block $doneI2
              (loop $eachI2
                (br_if $doneI2 (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $xs (f64x2.splat (f64.load (local.get $q))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $xs) (v128.load offset=0 (local.get $p)))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $xs) (v128.load offset=16 (local.get $p)))))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $xs) (v128.load offset=32 (local.get $p)))))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $xs) (v128.load offset=48 (local.get $p)))))
                (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
                (local.set $q (i32.add (local.get $q) (i32.shl (local.get $dp) (i32.const 3))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $eachI2)))
            (local.set $off (i32.add (local.get $gt) (i32.shl (i32.add (i32.mul (local.get $m) (local.get $lp)) (local.get $kb)) (i32.const 3))))
            (v128.store offset=0 (local.get $off) (local.get $a0))
            (v128.store offset=16 (local.get $off) (local.get $a1))
            (v128.store offset=32 (local.get $off) (local.get $a2))
            (v128.store offset=48 (local.get $off) (local.get $a3))
            (local.set $kb (i32.add (local.get $kb) (i32.const 8)))
            (br $eachK2)))
        (local.set $m (i32.add (local.get $m) (i32.const 1)))
        (br $eachM))))
)
