;; The loops of the float training kernel over n points, for one weight layer
;; at a time, in WebAssembly SIMD (two f64 lanes). Every lane sums its terms one
;; at a time in increasing order, with a separate multiply and add, exactly as
;; the generic back-propagation does, so the two agree to the last bit (BCE's
;; loss and slope, in bce at the end, are within a few roundings instead).
;; Compiled by `npm run build:wasm` into src/net/kernels/_generated/floatKernelWasm.ts.
;;
;; Arrays are f64, row-major, at byte addresses; every row stride (in entries)
;; is even, so that two lanes never straddle rows. Padding entries are zero and
;; stay zero. Columns are taken eight at a time (four registers), then two;
;; rows (matmul) and inputs (gramT) two at a time, then one.
(module
  (import "env" "memory" (memory 1))

  ;; Z[i][k] = Σ_{m<din} X[i][m]·W[m][k] for i < n and k < ws (ws even):
  ;; X has row stride xs, W row stride ws, Z row stride ws. Used for the
  ;; pre-activations (W = the layer's weights transposed) and for the error
  ;; sent back a layer (X = δ, W = the layer's weights). Each sum, still in its
  ;; registers, is finished by $flags before it is stored: 1 adds the bias B[k]
  ;; (at $b) last; 4 multiplies it by P[i][k] (at Z + $aux: σ' of the
  ;; pre-activations of the layer the error is sent to, as flag 2 stored it;
  ;; $aux is 0 where the error is written over P, each P[i][k] read before
  ;; the product that replaces it is stored, as in sendBack1);
  ;; 2 stores H[i][k] = σ(Z[i][k]) (at Z + $aux) and, in Z's place, P[i][k] =
  ;; σ'(Z[i][k]), which is all the backward pass needs of a hidden layer's Z,
  ;; without branches: σ is z where z > 0 and neg·z elsewhere, σ' is 1 above
  ;; 0, $neg below, $atZero at 0. The same operations as separate passes over
  ;; Z would do, without the passes, and σ' chosen once per entry, not again
  ;; for the error sent back.
  (func $matmul
    (param $n i32) (param $din i32) (param $xs i32) (param $ws i32)
    (param $x i32) (param $w i32) (param $z i32)
    (param $b i32) (param $aux i32) (param $flags i32) (param $neg f64) (param $atZero f64)
    (local $i i32) (local $kb i32) (local $m i32) (local $end8 i32)
    (local $xrow i32) (local $wp i32) (local $wq i32) (local $bp i32) (local $zo i32) (local $rowBytes i32)
    (local $xs2 i32) (local $xp i32) (local $xend i32) (local $pairs i32)
    (local $s v128) (local $t v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $w0 v128)
    (local $same i32) (local $pv v128) (local $flip v128) (local $zeroS v128) (local $onev v128) (local $negv v128) (local $zerov v128)
    ;; the slopes as vectors, made once; $flip = 1 xor neg bit by bit, so that σ′ = neg xor ($flip and
    ;; [z > 0]) is bitselect(1, neg, [z > 0]) in two operations instead of three. $zeroS is a zero
    ;; the compiler cannot tell is 0 (neg·0): the comparisons with it (the σ of |x|-like slopes) are
    ;; not merged with those of the branch beside them, which would then all be made before the
    ;; branch and, with the sixteen sums, overflow the registers.
    (local.set $onev (v128.const f64x2 1 1))
    (local.set $negv (f64x2.splat (local.get $neg)))
    (local.set $flip (v128.xor (local.get $onev) (local.get $negv)))
    (local.set $zeroS (f64x2.splat (f64.mul (local.get $neg) (f64.const 0))))
    (local.set $zerov (f64x2.splat (local.get $atZero)))
    ;; the slope at 0 is the slope below, bit for bit (a zero of another sign is another slope)
    (local.set $same (i64.eq (i64.reinterpret_f64 (local.get $neg)) (i64.reinterpret_f64 (local.get $atZero))))
    (local.set $rowBytes (i32.shl (local.get $ws) (i32.const 3)))
    (local.set $end8 (i32.and (local.get $ws) (i32.const -8)))
    ;; Two rows at a time for the blocks of eight: eight accumulators, each W
    ;; load used twice (one row's four chains alone would wait on the adder).
    (local.set $xs2 (i32.shl (local.get $xs) (i32.const 3)))
    (block $donePairs
      (loop $eachPair
        (br_if $donePairs (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $n)))
        (local.set $xrow (i32.add (local.get $x) (i32.shl (i32.mul (local.get $i) (local.get $xs)) (i32.const 3))))
        (local.set $zo (i32.add (local.get $z) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $kb (i32.const 0))
        (block $doneP8
          (loop $eachP8
            (br_if $doneP8 (i32.ge_u (local.get $kb) (local.get $end8)))
            (local.set $wp (i32.add (local.get $w) (i32.shl (local.get $kb) (i32.const 3))))
            (local.set $xp (local.get $xrow))
            (local.set $xend (i32.add (local.get $xrow) (i32.shl (local.get $din) (i32.const 3))))
            ;; Each sum starts at its first product (din ≥ 1), not at 0 + it: eight additions and
            ;; eight zeroed registers fewer a block. The two differ only in the sign of a sum that
            ;; is zero (0 + −0 is +0), which nothing reads: σ and σ′ compare with 0, a squared error
            ;; squares it, and every sum of the loss and the gradient starts from +0, to which a zero
            ;; of either sign adds nothing, so they stay the generic kernel's to the last bit.
            (local.set $s (v128.load64_splat (local.get $xp)))
            (local.set $t (v128.load64_splat (i32.add (local.get $xp) (local.get $xs2))))
            (local.set $w0 (v128.load offset=0 (local.get $wp)))
            (local.set $a0 (f64x2.mul (local.get $s) (local.get $w0)))
            (local.set $b0 (f64x2.mul (local.get $t) (local.get $w0)))
            (local.set $w0 (v128.load offset=16 (local.get $wp)))
            (local.set $a1 (f64x2.mul (local.get $s) (local.get $w0)))
            (local.set $b1 (f64x2.mul (local.get $t) (local.get $w0)))
            (local.set $w0 (v128.load offset=32 (local.get $wp)))
            (local.set $a2 (f64x2.mul (local.get $s) (local.get $w0)))
            (local.set $b2 (f64x2.mul (local.get $t) (local.get $w0)))
            (local.set $w0 (v128.load offset=48 (local.get $wp)))
            (local.set $a3 (f64x2.mul (local.get $s) (local.get $w0)))
            (local.set $b3 (f64x2.mul (local.get $t) (local.get $w0)))
            (local.set $wp (i32.add (local.get $wp) (local.get $rowBytes)))
            (local.set $xp (i32.add (local.get $xp) (i32.const 8)))
            (block $donePM
              (loop $eachPM
                (br_if $donePM (i32.ge_u (local.get $xp) (local.get $xend)))
                (local.set $s (v128.load64_splat (local.get $xp)))
                (local.set $t (v128.load64_splat (i32.add (local.get $xp) (local.get $xs2))))
                (local.set $w0 (v128.load offset=0 (local.get $wp)))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $s) (local.get $w0))))
                (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $t) (local.get $w0))))
                (local.set $w0 (v128.load offset=16 (local.get $wp)))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $s) (local.get $w0))))
                (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $t) (local.get $w0))))
                (local.set $w0 (v128.load offset=32 (local.get $wp)))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $s) (local.get $w0))))
                (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $t) (local.get $w0))))
                (local.set $w0 (v128.load offset=48 (local.get $wp)))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $s) (local.get $w0))))
                (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $t) (local.get $w0))))
                (local.set $wp (i32.add (local.get $wp) (local.get $rowBytes)))
                (local.set $xp (i32.add (local.get $xp) (i32.const 8)))
                (br $eachPM)))
            (local.set $wp (i32.add (local.get $zo) (i32.shl (local.get $kb) (i32.const 3))))
            (local.set $wq (i32.add (local.get $wp) (local.get $rowBytes)))
            (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $kb) (i32.const 3))))
            ;; the epilogue (see $flags): bias (each vector loaded once for both rows), σ'(S) of the layer below, store, H = σ(Z)
            (if (i32.and (local.get $flags) (i32.const 1))
              (then
                (local.set $t (v128.load offset=0 (local.get $bp)))
                (local.set $a0 (f64x2.add (local.get $a0) (local.get $t)))
                (local.set $b0 (f64x2.add (local.get $b0) (local.get $t)))
                (local.set $t (v128.load offset=16 (local.get $bp)))
                (local.set $a1 (f64x2.add (local.get $a1) (local.get $t)))
                (local.set $b1 (f64x2.add (local.get $b1) (local.get $t)))
                (local.set $t (v128.load offset=32 (local.get $bp)))
                (local.set $a2 (f64x2.add (local.get $a2) (local.get $t)))
                (local.set $b2 (f64x2.add (local.get $b2) (local.get $t)))
                (local.set $t (v128.load offset=48 (local.get $bp)))
                (local.set $a3 (f64x2.add (local.get $a3) (local.get $t)))
                (local.set $b3 (f64x2.add (local.get $b3) (local.get $t)))))
            (if (i32.and (local.get $flags) (i32.const 4))
              (then
                (local.set $t (v128.load offset=0 (i32.add (local.get $wp) (local.get $aux))))
                (local.set $a0 (f64x2.mul (local.get $a0) (local.get $t)))
                (local.set $t (v128.load offset=16 (i32.add (local.get $wp) (local.get $aux))))
                (local.set $a1 (f64x2.mul (local.get $a1) (local.get $t)))
                (local.set $t (v128.load offset=32 (i32.add (local.get $wp) (local.get $aux))))
                (local.set $a2 (f64x2.mul (local.get $a2) (local.get $t)))
                (local.set $t (v128.load offset=48 (i32.add (local.get $wp) (local.get $aux))))
                (local.set $a3 (f64x2.mul (local.get $a3) (local.get $t)))
                (local.set $t (v128.load offset=0 (i32.add (local.get $wq) (local.get $aux))))
                (local.set $b0 (f64x2.mul (local.get $b0) (local.get $t)))
                (local.set $t (v128.load offset=16 (i32.add (local.get $wq) (local.get $aux))))
                (local.set $b1 (f64x2.mul (local.get $b1) (local.get $t)))
                (local.set $t (v128.load offset=32 (i32.add (local.get $wq) (local.get $aux))))
                (local.set $b2 (f64x2.mul (local.get $b2) (local.get $t)))
                (local.set $t (v128.load offset=48 (i32.add (local.get $wq) (local.get $aux))))
                (local.set $b3 (f64x2.mul (local.get $b3) (local.get $t)))))
            (if (i32.and (local.get $flags) (i32.const 2))
              (then
                ;; σ′ is 1 above 0 and $neg elsewhere when σ′(0) is $neg too (every activation but |x|):
                ;; then σ(z) = σ′(z)·z, 1·z above 0 and neg·z elsewhere, the very products σ takes
                (if (local.get $same)
                  (then
                    (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $a0) (v128.const f64x2 0 0)))))
                    (v128.store offset=0 (i32.add (local.get $wp) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $a0)))
                    (v128.store offset=0 (local.get $wp) (local.get $pv))
                    (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $a1) (v128.const f64x2 0 0)))))
                    (v128.store offset=16 (i32.add (local.get $wp) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $a1)))
                    (v128.store offset=16 (local.get $wp) (local.get $pv))
                    (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $a2) (v128.const f64x2 0 0)))))
                    (v128.store offset=32 (i32.add (local.get $wp) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $a2)))
                    (v128.store offset=32 (local.get $wp) (local.get $pv))
                    (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $a3) (v128.const f64x2 0 0)))))
                    (v128.store offset=48 (i32.add (local.get $wp) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $a3)))
                    (v128.store offset=48 (local.get $wp) (local.get $pv))
                    (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $b0) (v128.const f64x2 0 0)))))
                    (v128.store offset=0 (i32.add (local.get $wq) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $b0)))
                    (v128.store offset=0 (local.get $wq) (local.get $pv))
                    (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $b1) (v128.const f64x2 0 0)))))
                    (v128.store offset=16 (i32.add (local.get $wq) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $b1)))
                    (v128.store offset=16 (local.get $wq) (local.get $pv))
                    (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $b2) (v128.const f64x2 0 0)))))
                    (v128.store offset=32 (i32.add (local.get $wq) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $b2)))
                    (v128.store offset=32 (local.get $wq) (local.get $pv))
                    (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $b3) (v128.const f64x2 0 0)))))
                    (v128.store offset=48 (i32.add (local.get $wq) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $b3)))
                    (v128.store offset=48 (local.get $wq) (local.get $pv)))
                  (else
                    (v128.store offset=0 (i32.add (local.get $wp) (local.get $aux))
                      (v128.bitselect (local.get $a0) (f64x2.mul (local.get $negv) (local.get $a0)) (f64x2.lt (local.get $zeroS) (local.get $a0))))
                    (v128.store offset=0 (local.get $wp)
                      (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $a0) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $a0))))
                    (v128.store offset=16 (i32.add (local.get $wp) (local.get $aux))
                      (v128.bitselect (local.get $a1) (f64x2.mul (local.get $negv) (local.get $a1)) (f64x2.lt (local.get $zeroS) (local.get $a1))))
                    (v128.store offset=16 (local.get $wp)
                      (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $a1) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $a1))))
                    (v128.store offset=32 (i32.add (local.get $wp) (local.get $aux))
                      (v128.bitselect (local.get $a2) (f64x2.mul (local.get $negv) (local.get $a2)) (f64x2.lt (local.get $zeroS) (local.get $a2))))
                    (v128.store offset=32 (local.get $wp)
                      (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $a2) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $a2))))
                    (v128.store offset=48 (i32.add (local.get $wp) (local.get $aux))
                      (v128.bitselect (local.get $a3) (f64x2.mul (local.get $negv) (local.get $a3)) (f64x2.lt (local.get $zeroS) (local.get $a3))))
                    (v128.store offset=48 (local.get $wp)
                      (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $a3) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $a3))))
                    (v128.store offset=0 (i32.add (local.get $wq) (local.get $aux))
                      (v128.bitselect (local.get $b0) (f64x2.mul (local.get $negv) (local.get $b0)) (f64x2.lt (local.get $zeroS) (local.get $b0))))
                    (v128.store offset=0 (local.get $wq)
                      (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $b0) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $b0))))
                    (v128.store offset=16 (i32.add (local.get $wq) (local.get $aux))
                      (v128.bitselect (local.get $b1) (f64x2.mul (local.get $negv) (local.get $b1)) (f64x2.lt (local.get $zeroS) (local.get $b1))))
                    (v128.store offset=16 (local.get $wq)
                      (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $b1) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $b1))))
                    (v128.store offset=32 (i32.add (local.get $wq) (local.get $aux))
                      (v128.bitselect (local.get $b2) (f64x2.mul (local.get $negv) (local.get $b2)) (f64x2.lt (local.get $zeroS) (local.get $b2))))
                    (v128.store offset=32 (local.get $wq)
                      (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $b2) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $b2))))
                    (v128.store offset=48 (i32.add (local.get $wq) (local.get $aux))
                      (v128.bitselect (local.get $b3) (f64x2.mul (local.get $negv) (local.get $b3)) (f64x2.lt (local.get $zeroS) (local.get $b3))))
                    (v128.store offset=48 (local.get $wq)
                      (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $b3) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $b3)))))))
              (else
                (v128.store offset=0 (local.get $wp) (local.get $a0))
                (v128.store offset=16 (local.get $wp) (local.get $a1))
                (v128.store offset=32 (local.get $wp) (local.get $a2))
                (v128.store offset=48 (local.get $wp) (local.get $a3))
                (v128.store offset=0 (local.get $wq) (local.get $b0))
                (v128.store offset=16 (local.get $wq) (local.get $b1))
                (v128.store offset=32 (local.get $wq) (local.get $b2))
                (v128.store offset=48 (local.get $wq) (local.get $b3))))
            (local.set $kb (i32.add (local.get $kb) (i32.const 8)))
            (br $eachP8)))
        ;; the pair's columns past the last block of eight, two at a time
        (block $doneP2
          (loop $eachP2
            (br_if $doneP2 (i32.ge_u (local.get $kb) (local.get $ws)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $b0 (v128.const f64x2 0 0))
            (local.set $wp (i32.add (local.get $w) (i32.shl (local.get $kb) (i32.const 3))))
            (local.set $xp (local.get $xrow))
            (local.set $xend (i32.add (local.get $xrow) (i32.shl (local.get $din) (i32.const 3))))
            (block $donePM2
              (loop $eachPM2
                (br_if $donePM2 (i32.ge_u (local.get $xp) (local.get $xend)))
                (local.set $w0 (v128.load (local.get $wp)))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load64_splat (local.get $xp)) (local.get $w0))))
                (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (v128.load64_splat (i32.add (local.get $xp) (local.get $xs2))) (local.get $w0))))
                (local.set $wp (i32.add (local.get $wp) (local.get $rowBytes)))
                (local.set $xp (i32.add (local.get $xp) (i32.const 8)))
                (br $eachPM2)))
            (local.set $wp (i32.add (local.get $zo) (i32.shl (local.get $kb) (i32.const 3))))
            (local.set $wq (i32.add (local.get $wp) (local.get $rowBytes)))
            (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $kb) (i32.const 3))))
            ;; the epilogue (see $flags): bias, σ'(S) of the layer below, store, H = σ(Z)
            (if (i32.and (local.get $flags) (i32.const 1))
              (then
                (local.set $a0 (f64x2.add (local.get $a0) (v128.load offset=0 (local.get $bp))))
                (local.set $b0 (f64x2.add (local.get $b0) (v128.load offset=0 (local.get $bp))))))
            (if (i32.and (local.get $flags) (i32.const 4))
              (then
                (local.set $t (v128.load offset=0 (i32.add (local.get $wp) (local.get $aux))))
                (local.set $a0 (f64x2.mul (local.get $a0) (local.get $t)))
                (local.set $t (v128.load offset=0 (i32.add (local.get $wq) (local.get $aux))))
                (local.set $b0 (f64x2.mul (local.get $b0) (local.get $t)))))
            (if (i32.and (local.get $flags) (i32.const 2))
              (then
                ;; σ′ is 1 above 0 and $neg elsewhere when σ′(0) is $neg too (every activation but |x|):
                ;; then σ(z) = σ′(z)·z, 1·z above 0 and neg·z elsewhere, the very products σ takes
                (if (local.get $same)
                  (then
                    (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $a0) (v128.const f64x2 0 0)))))
                    (v128.store offset=0 (i32.add (local.get $wp) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $a0)))
                    (v128.store offset=0 (local.get $wp) (local.get $pv))
                    (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $b0) (v128.const f64x2 0 0)))))
                    (v128.store offset=0 (i32.add (local.get $wq) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $b0)))
                    (v128.store offset=0 (local.get $wq) (local.get $pv)))
                  (else
                    (v128.store offset=0 (i32.add (local.get $wp) (local.get $aux))
                      (v128.bitselect (local.get $a0) (f64x2.mul (local.get $negv) (local.get $a0)) (f64x2.lt (local.get $zeroS) (local.get $a0))))
                    (v128.store offset=0 (local.get $wp)
                      (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $a0) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $a0))))
                    (v128.store offset=0 (i32.add (local.get $wq) (local.get $aux))
                      (v128.bitselect (local.get $b0) (f64x2.mul (local.get $negv) (local.get $b0)) (f64x2.lt (local.get $zeroS) (local.get $b0))))
                    (v128.store offset=0 (local.get $wq)
                      (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $b0) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $b0)))))))
              (else
                (v128.store offset=0 (local.get $wp) (local.get $a0))
                (v128.store offset=0 (local.get $wq) (local.get $b0))))
            (local.set $kb (i32.add (local.get $kb) (i32.const 2)))
            (br $eachP2)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $eachPair)))
    (local.set $pairs (local.get $i))
    (local.set $i (i32.const 0))
    (block $doneI
      (loop $eachI
        (br_if $doneI (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $xrow (i32.add (local.get $x) (i32.shl (i32.mul (local.get $i) (local.get $xs)) (i32.const 3))))
        (local.set $zo (i32.add (local.get $z) (i32.mul (local.get $i) (local.get $rowBytes))))
        ;; rows done in pairs are done
        (local.set $kb (select (local.get $ws) (i32.const 0) (i32.lt_u (local.get $i) (local.get $pairs))))
        (block $done8
          (loop $each8
            (br_if $done8 (i32.ge_u (local.get $kb) (local.get $end8)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $a1 (v128.const f64x2 0 0))
            (local.set $a2 (v128.const f64x2 0 0))
            (local.set $a3 (v128.const f64x2 0 0))
            (local.set $wp (i32.add (local.get $w) (i32.shl (local.get $kb) (i32.const 3))))
            (local.set $m (i32.const 0))
            (block $doneM
              (loop $eachM
                (br_if $doneM (i32.ge_u (local.get $m) (local.get $din)))
                (local.set $s (v128.load64_splat (i32.add (local.get $xrow) (i32.shl (local.get $m) (i32.const 3)))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $s) (v128.load offset=0 (local.get $wp)))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $s) (v128.load offset=16 (local.get $wp)))))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $s) (v128.load offset=32 (local.get $wp)))))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $s) (v128.load offset=48 (local.get $wp)))))
                (local.set $wp (i32.add (local.get $wp) (local.get $rowBytes)))
                (local.set $m (i32.add (local.get $m) (i32.const 1)))
                (br $eachM)))
            (local.set $wp (i32.add (local.get $zo) (i32.shl (local.get $kb) (i32.const 3))))
            (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $kb) (i32.const 3))))
            ;; the epilogue (see $flags): bias, σ'(S) of the layer below, store, H = σ(Z)
            (if (i32.and (local.get $flags) (i32.const 1))
              (then
                (local.set $a0 (f64x2.add (local.get $a0) (v128.load offset=0 (local.get $bp))))
                (local.set $a1 (f64x2.add (local.get $a1) (v128.load offset=16 (local.get $bp))))
                (local.set $a2 (f64x2.add (local.get $a2) (v128.load offset=32 (local.get $bp))))
                (local.set $a3 (f64x2.add (local.get $a3) (v128.load offset=48 (local.get $bp))))))
            (if (i32.and (local.get $flags) (i32.const 4))
              (then
                (local.set $t (v128.load offset=0 (i32.add (local.get $wp) (local.get $aux))))
                (local.set $a0 (f64x2.mul (local.get $a0) (local.get $t)))
                (local.set $t (v128.load offset=16 (i32.add (local.get $wp) (local.get $aux))))
                (local.set $a1 (f64x2.mul (local.get $a1) (local.get $t)))
                (local.set $t (v128.load offset=32 (i32.add (local.get $wp) (local.get $aux))))
                (local.set $a2 (f64x2.mul (local.get $a2) (local.get $t)))
                (local.set $t (v128.load offset=48 (i32.add (local.get $wp) (local.get $aux))))
                (local.set $a3 (f64x2.mul (local.get $a3) (local.get $t)))))
            (if (i32.and (local.get $flags) (i32.const 2))
              (then
                ;; σ′ is 1 above 0 and $neg elsewhere when σ′(0) is $neg too (every activation but |x|):
                ;; then σ(z) = σ′(z)·z, 1·z above 0 and neg·z elsewhere, the very products σ takes
                (if (local.get $same)
                  (then
                    (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $a0) (v128.const f64x2 0 0)))))
                    (v128.store offset=0 (i32.add (local.get $wp) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $a0)))
                    (v128.store offset=0 (local.get $wp) (local.get $pv))
                    (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $a1) (v128.const f64x2 0 0)))))
                    (v128.store offset=16 (i32.add (local.get $wp) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $a1)))
                    (v128.store offset=16 (local.get $wp) (local.get $pv))
                    (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $a2) (v128.const f64x2 0 0)))))
                    (v128.store offset=32 (i32.add (local.get $wp) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $a2)))
                    (v128.store offset=32 (local.get $wp) (local.get $pv))
                    (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $a3) (v128.const f64x2 0 0)))))
                    (v128.store offset=48 (i32.add (local.get $wp) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $a3)))
                    (v128.store offset=48 (local.get $wp) (local.get $pv)))
                  (else
                    (v128.store offset=0 (i32.add (local.get $wp) (local.get $aux))
                      (v128.bitselect (local.get $a0) (f64x2.mul (local.get $negv) (local.get $a0)) (f64x2.lt (local.get $zeroS) (local.get $a0))))
                    (v128.store offset=0 (local.get $wp)
                      (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $a0) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $a0))))
                    (v128.store offset=16 (i32.add (local.get $wp) (local.get $aux))
                      (v128.bitselect (local.get $a1) (f64x2.mul (local.get $negv) (local.get $a1)) (f64x2.lt (local.get $zeroS) (local.get $a1))))
                    (v128.store offset=16 (local.get $wp)
                      (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $a1) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $a1))))
                    (v128.store offset=32 (i32.add (local.get $wp) (local.get $aux))
                      (v128.bitselect (local.get $a2) (f64x2.mul (local.get $negv) (local.get $a2)) (f64x2.lt (local.get $zeroS) (local.get $a2))))
                    (v128.store offset=32 (local.get $wp)
                      (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $a2) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $a2))))
                    (v128.store offset=48 (i32.add (local.get $wp) (local.get $aux))
                      (v128.bitselect (local.get $a3) (f64x2.mul (local.get $negv) (local.get $a3)) (f64x2.lt (local.get $zeroS) (local.get $a3))))
                    (v128.store offset=48 (local.get $wp)
                      (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $a3) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $a3)))))))
              (else
                (v128.store offset=0 (local.get $wp) (local.get $a0))
                (v128.store offset=16 (local.get $wp) (local.get $a1))
                (v128.store offset=32 (local.get $wp) (local.get $a2))
                (v128.store offset=48 (local.get $wp) (local.get $a3))))
            (local.set $kb (i32.add (local.get $kb) (i32.const 8)))
            (br $each8)))
        (block $done2
          (loop $each2
            (br_if $done2 (i32.ge_u (local.get $kb) (local.get $ws)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $wp (i32.add (local.get $w) (i32.shl (local.get $kb) (i32.const 3))))
            (local.set $m (i32.const 0))
            (block $doneM2
              (loop $eachM2
                (br_if $doneM2 (i32.ge_u (local.get $m) (local.get $din)))
                (local.set $s (v128.load64_splat (i32.add (local.get $xrow) (i32.shl (local.get $m) (i32.const 3)))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $s) (v128.load (local.get $wp)))))
                (local.set $wp (i32.add (local.get $wp) (local.get $rowBytes)))
                (local.set $m (i32.add (local.get $m) (i32.const 1)))
                (br $eachM2)))
            (local.set $wp (i32.add (local.get $zo) (i32.shl (local.get $kb) (i32.const 3))))
            (local.set $bp (i32.add (local.get $b) (i32.shl (local.get $kb) (i32.const 3))))
            ;; the epilogue (see $flags): bias, σ'(S) of the layer below, store, H = σ(Z)
            (if (i32.and (local.get $flags) (i32.const 1))
              (then
                (local.set $a0 (f64x2.add (local.get $a0) (v128.load offset=0 (local.get $bp))))))
            (if (i32.and (local.get $flags) (i32.const 4))
              (then
                (local.set $t (v128.load offset=0 (i32.add (local.get $wp) (local.get $aux))))
                (local.set $a0 (f64x2.mul (local.get $a0) (local.get $t)))))
            (if (i32.and (local.get $flags) (i32.const 2))
              (then
                ;; σ′ is 1 above 0 and $neg elsewhere when σ′(0) is $neg too (every activation but |x|):
                ;; then σ(z) = σ′(z)·z, 1·z above 0 and neg·z elsewhere, the very products σ takes
                (if (local.get $same)
                  (then
                    (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $a0) (v128.const f64x2 0 0)))))
                    (v128.store offset=0 (i32.add (local.get $wp) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $a0)))
                    (v128.store offset=0 (local.get $wp) (local.get $pv)))
                  (else
                    (v128.store offset=0 (i32.add (local.get $wp) (local.get $aux))
                      (v128.bitselect (local.get $a0) (f64x2.mul (local.get $negv) (local.get $a0)) (f64x2.lt (local.get $zeroS) (local.get $a0))))
                    (v128.store offset=0 (local.get $wp)
                      (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $a0) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $a0)))))))
              (else
                (v128.store offset=0 (local.get $wp) (local.get $a0))))
            (local.set $kb (i32.add (local.get $kb) (i32.const 2)))
            (br $each2)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $eachI))))

  ;; G[m][k] = Σ_{i<n} A[i][m]·D[i][k] for m < din and k < ds (ds even), summed
  ;; over the points in increasing order: the weight gradient, transposed. From
  ;; G = 0, a block of 64 rows at a time (gramT adds each block's sums onto G),
  ;; so that the rows in use stay in the first-level cache (over all 569 rows
  ;; of the breast-cancer data at once it runs about a quarter slower); one
  ;; call from JavaScript per layer instead of one per block.
  (func $gram
    (param $n i32) (param $din i32) (param $as i32) (param $ds i32)
    (param $a i32) (param $d i32) (param $g i32)
    (local $p i32) (local $end i32) (local $r i32)
    (local.set $p (local.get $g))
    (local.set $end (i32.add (local.get $g) (i32.shl (i32.mul (local.get $din) (local.get $ds)) (i32.const 3))))
    (block $doneZ
      (loop $eachZ
        (br_if $doneZ (i32.ge_u (local.get $p) (local.get $end)))
        (v128.store (local.get $p) (v128.const f64x2 0 0))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $eachZ)))
    (block $doneR
      (loop $eachR
        (br_if $doneR (i32.ge_u (local.get $r) (local.get $n)))
        (call $gramT
          (select (i32.sub (local.get $n) (local.get $r)) (i32.const 64) (i32.lt_u (i32.sub (local.get $n) (local.get $r)) (i32.const 64)))
          (local.get $din) (local.get $as) (local.get $ds)
          (i32.add (local.get $a) (i32.shl (i32.mul (local.get $r) (local.get $as)) (i32.const 3)))
          (i32.add (local.get $d) (i32.shl (i32.mul (local.get $r) (local.get $ds)) (i32.const 3)))
          (local.get $g))
        (local.set $r (i32.add (local.get $r) (i32.const 64)))
        (br $eachR))))

  ;; G[m][k] += Σ_{i<n} A[i][m]·D[i][k] for m < din and k < ds (ds even), summed
  ;; over the points in increasing order onto what G holds (one block of gram).
  ;; A has row stride as; D and G row stride ds.
  (func $gramT
    (param $n i32) (param $din i32) (param $as i32) (param $ds i32)
    (param $a i32) (param $d i32) (param $g i32)
    (local $i i32) (local $kb i32) (local $m i32) (local $end8 i32)
    (local $p i32) (local $q i32) (local $gp i32) (local $gq i32) (local $aBytes i32) (local $rowBytes i32) (local $pairs i32)
    (local $s v128) (local $t v128) (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128)
    (local $w0 v128)
    (local.set $rowBytes (i32.shl (local.get $ds) (i32.const 3)))
    (local.set $aBytes (i32.shl (local.get $as) (i32.const 3)))
    (local.set $end8 (i32.and (local.get $ds) (i32.const -8)))
    ;; Two inputs m, m + 1 at a time for the blocks of eight: eight accumulators,
    ;; each D load used twice.
    (block $donePairs
      (loop $eachPair
        (br_if $donePairs (i32.ge_u (i32.add (local.get $m) (i32.const 1)) (local.get $din)))
        (local.set $kb (i32.const 0))
        (block $doneP8
          (loop $eachP8
            (br_if $doneP8 (i32.ge_u (local.get $kb) (local.get $end8)))
            (local.set $gp (i32.add (local.get $g) (i32.shl (i32.add (i32.mul (local.get $m) (local.get $ds)) (local.get $kb)) (i32.const 3))))
            (local.set $a0 (v128.load offset=0 (local.get $gp)))
            (local.set $a1 (v128.load offset=16 (local.get $gp)))
            (local.set $a2 (v128.load offset=32 (local.get $gp)))
            (local.set $a3 (v128.load offset=48 (local.get $gp)))
            (local.set $gq (i32.add (local.get $gp) (local.get $rowBytes)))
            (local.set $b0 (v128.load offset=0 (local.get $gq)))
            (local.set $b1 (v128.load offset=16 (local.get $gq)))
            (local.set $b2 (v128.load offset=32 (local.get $gq)))
            (local.set $b3 (v128.load offset=48 (local.get $gq)))
            (local.set $p (i32.add (local.get $d) (i32.shl (local.get $kb) (i32.const 3))))
            (local.set $q (i32.add (local.get $a) (i32.shl (local.get $m) (i32.const 3))))
            (local.set $i (i32.const 0))
            (block $donePI
              (loop $eachPI
                (br_if $donePI (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $s (v128.load64_splat offset=0 (local.get $q)))
                (local.set $t (v128.load64_splat offset=8 (local.get $q)))
                (local.set $w0 (v128.load offset=0 (local.get $p)))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $s) (local.get $w0))))
                (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (local.get $t) (local.get $w0))))
                (local.set $w0 (v128.load offset=16 (local.get $p)))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $s) (local.get $w0))))
                (local.set $b1 (f64x2.add (local.get $b1) (f64x2.mul (local.get $t) (local.get $w0))))
                (local.set $w0 (v128.load offset=32 (local.get $p)))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $s) (local.get $w0))))
                (local.set $b2 (f64x2.add (local.get $b2) (f64x2.mul (local.get $t) (local.get $w0))))
                (local.set $w0 (v128.load offset=48 (local.get $p)))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $s) (local.get $w0))))
                (local.set $b3 (f64x2.add (local.get $b3) (f64x2.mul (local.get $t) (local.get $w0))))
                (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
                (local.set $q (i32.add (local.get $q) (local.get $aBytes)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $eachPI)))
            (local.set $p (i32.add (local.get $g) (i32.shl (i32.add (i32.mul (local.get $m) (local.get $ds)) (local.get $kb)) (i32.const 3))))
            (v128.store offset=0 (local.get $p) (local.get $a0))
            (v128.store offset=16 (local.get $p) (local.get $a1))
            (v128.store offset=32 (local.get $p) (local.get $a2))
            (v128.store offset=48 (local.get $p) (local.get $a3))
            (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
            (v128.store offset=0 (local.get $p) (local.get $b0))
            (v128.store offset=16 (local.get $p) (local.get $b1))
            (v128.store offset=32 (local.get $p) (local.get $b2))
            (v128.store offset=48 (local.get $p) (local.get $b3))
            (local.set $kb (i32.add (local.get $kb) (i32.const 8)))
            (br $eachP8)))
        (block $doneP2
          (loop $eachP2
            (br_if $doneP2 (i32.ge_u (local.get $kb) (local.get $ds)))
            (local.set $gp (i32.add (local.get $g) (i32.shl (i32.add (i32.mul (local.get $m) (local.get $ds)) (local.get $kb)) (i32.const 3))))
            (local.set $a0 (v128.load offset=0 (local.get $gp)))
            (local.set $b0 (v128.load (i32.add (local.get $gp) (local.get $rowBytes))))
            (local.set $p (i32.add (local.get $d) (i32.shl (local.get $kb) (i32.const 3))))
            (local.set $q (i32.add (local.get $a) (i32.shl (local.get $m) (i32.const 3))))
            (local.set $i (i32.const 0))
            (block $donePI2
              (loop $eachPI2
                (br_if $donePI2 (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $w0 (v128.load (local.get $p)))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load64_splat offset=0 (local.get $q)) (local.get $w0))))
                (local.set $b0 (f64x2.add (local.get $b0) (f64x2.mul (v128.load64_splat offset=8 (local.get $q)) (local.get $w0))))
                (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
                (local.set $q (i32.add (local.get $q) (local.get $aBytes)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $eachPI2)))
            (local.set $p (i32.add (local.get $g) (i32.shl (i32.add (i32.mul (local.get $m) (local.get $ds)) (local.get $kb)) (i32.const 3))))
            (v128.store (local.get $p) (local.get $a0))
            (v128.store (i32.add (local.get $p) (local.get $rowBytes)) (local.get $b0))
            (local.set $kb (i32.add (local.get $kb) (i32.const 2)))
            (br $eachP2)))
        (local.set $m (i32.add (local.get $m) (i32.const 2)))
        (br $eachPair)))
    (local.set $pairs (local.get $m))
    (local.set $m (i32.const 0))
    (block $doneM
      (loop $eachM
        (br_if $doneM (i32.ge_u (local.get $m) (local.get $din)))
        ;; inputs done in pairs are done
        (local.set $kb (select (local.get $ds) (i32.const 0) (i32.lt_u (local.get $m) (local.get $pairs))))
        (block $done8
          (loop $each8
            (br_if $done8 (i32.ge_u (local.get $kb) (local.get $end8)))
            (local.set $gp (i32.add (local.get $g) (i32.shl (i32.add (i32.mul (local.get $m) (local.get $ds)) (local.get $kb)) (i32.const 3))))
            (local.set $a0 (v128.load offset=0 (local.get $gp)))
            (local.set $a1 (v128.load offset=16 (local.get $gp)))
            (local.set $a2 (v128.load offset=32 (local.get $gp)))
            (local.set $a3 (v128.load offset=48 (local.get $gp)))
            (local.set $p (i32.add (local.get $d) (i32.shl (local.get $kb) (i32.const 3))))
            (local.set $q (i32.add (local.get $a) (i32.shl (local.get $m) (i32.const 3))))
            (local.set $i (i32.const 0))
            (block $doneI
              (loop $eachI
                (br_if $doneI (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $s (v128.load64_splat (local.get $q)))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (local.get $s) (v128.load offset=0 (local.get $p)))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (local.get $s) (v128.load offset=16 (local.get $p)))))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (local.get $s) (v128.load offset=32 (local.get $p)))))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (local.get $s) (v128.load offset=48 (local.get $p)))))
                (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
                (local.set $q (i32.add (local.get $q) (local.get $aBytes)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $eachI)))
            (local.set $p (i32.add (local.get $g) (i32.shl (i32.add (i32.mul (local.get $m) (local.get $ds)) (local.get $kb)) (i32.const 3))))
            (v128.store offset=0 (local.get $p) (local.get $a0))
            (v128.store offset=16 (local.get $p) (local.get $a1))
            (v128.store offset=32 (local.get $p) (local.get $a2))
            (v128.store offset=48 (local.get $p) (local.get $a3))
            (local.set $kb (i32.add (local.get $kb) (i32.const 8)))
            (br $each8)))
        (block $done2
          (loop $each2
            (br_if $done2 (i32.ge_u (local.get $kb) (local.get $ds)))
            (local.set $gp (i32.add (local.get $g) (i32.shl (i32.add (i32.mul (local.get $m) (local.get $ds)) (local.get $kb)) (i32.const 3))))
            (local.set $a0 (v128.load offset=0 (local.get $gp)))
            (local.set $p (i32.add (local.get $d) (i32.shl (local.get $kb) (i32.const 3))))
            (local.set $q (i32.add (local.get $a) (i32.shl (local.get $m) (i32.const 3))))
            (local.set $i (i32.const 0))
            (block $doneI2
              (loop $eachI2
                (br_if $doneI2 (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load64_splat (local.get $q)) (v128.load (local.get $p)))))
                (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
                (local.set $q (i32.add (local.get $q) (local.get $aBytes)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $eachI2)))
            (v128.store (i32.add (local.get $g) (i32.shl (i32.add (i32.mul (local.get $m) (local.get $ds)) (local.get $kb)) (i32.const 3))) (local.get $a0))
            (local.set $kb (i32.add (local.get $kb) (i32.const 2)))
            (br $each2)))
        (local.set $m (i32.add (local.get $m) (i32.const 1)))
        (br $eachM))))

;; G[k] = Σ_{i<n} D[i][k] for k < ds (ds even), in increasing i: the bias
  ;; gradient. Columns eight at a time (four independent sums, so the adder is
  ;; not left waiting on one chain), then two.
  (func $columnSums (param $n i32) (param $ds i32) (param $d i32) (param $g i32)
    (local $i i32) (local $kb i32) (local $p i32) (local $rowBytes i32) (local $end8 i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $rowBytes (i32.shl (local.get $ds) (i32.const 3)))
    (local.set $end8 (i32.and (local.get $ds) (i32.const -8)))
    (block $done8
      (loop $each8
        (br_if $done8 (i32.ge_u (local.get $kb) (local.get $end8)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $a1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0))
        (local.set $a3 (v128.const f64x2 0 0))
        (local.set $p (i32.add (local.get $d) (i32.shl (local.get $kb) (i32.const 3))))
        (local.set $i (i32.const 0))
        (block $doneI8
          (loop $eachI8
            (br_if $doneI8 (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $a0 (f64x2.add (local.get $a0) (v128.load offset=0 (local.get $p))))
            (local.set $a1 (f64x2.add (local.get $a1) (v128.load offset=16 (local.get $p))))
            (local.set $a2 (f64x2.add (local.get $a2) (v128.load offset=32 (local.get $p))))
            (local.set $a3 (f64x2.add (local.get $a3) (v128.load offset=48 (local.get $p))))
            (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $eachI8)))
        (local.set $p (i32.add (local.get $g) (i32.shl (local.get $kb) (i32.const 3))))
        (v128.store offset=0 (local.get $p) (local.get $a0))
        (v128.store offset=16 (local.get $p) (local.get $a1))
        (v128.store offset=32 (local.get $p) (local.get $a2))
        (v128.store offset=48 (local.get $p) (local.get $a3))
        (local.set $kb (i32.add (local.get $kb) (i32.const 8)))
        (br $each8)))
    (block $doneK
      (loop $eachK
        (br_if $doneK (i32.ge_u (local.get $kb) (local.get $ds)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $p (i32.add (local.get $d) (i32.shl (local.get $kb) (i32.const 3))))
        (local.set $i (i32.const 0))
        (block $doneI
          (loop $eachI
            (br_if $doneI (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $a0 (f64x2.add (local.get $a0) (v128.load (local.get $p))))
            (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $eachI)))
        (v128.store (i32.add (local.get $g) (i32.shl (local.get $kb) (i32.const 3))) (local.get $a0))
        (local.set $kb (i32.add (local.get $kb) (i32.const 2)))
        (br $eachK))))

  ;; The error sent back from a layer of one output (k = 0 only): O[i][m] =
  ;; (0 + D[i][0]·W[0][m])·P[i][m] for m < ws, the one-term sums matmul
  ;; makes with $din = 1 and flag 4 (up to the sign of a zero, see matmul), finished in the same order (D row stride
  ;; ds, W and O row stride ws, P = σ' of the layer below at O + $aux), without
  ;; matmul's eight-column blocks whose set-up and finish cost more than the
  ;; one term they sum. With $gb ≥ 0, also columnSums of D's two columns
  ;; into GB at $gb, the rows added in the same order on the way (the bias's
  ;; gradient, a chain of dependent sums that costs nothing here, under the
  ;; products).
  (func $sendBack1
    (param $n i32) (param $ws i32) (param $ds i32) (param $d i32) (param $w i32) (param $out i32) (param $aux i32) (param $gb i32)
    (local $i i32) (local $op i32) (local $wp i32) (local $wend i32) (local $rowBytes i32) (local $dp i32)
    (local $s v128) (local $t v128) (local $a v128) (local $s2 v128) (local $w0 v128) (local $sum v128)
    (local.set $rowBytes (i32.shl (local.get $ws) (i32.const 3)))
    (local.set $wend (i32.add (local.get $w) (local.get $rowBytes)))
    (local.set $op (local.get $out))
    ;; two rows at a time, each W entry loaded once for both
    (block $done2
      (loop $each2
        (br_if $done2 (i32.ge_u (i32.add (local.get $i) (i32.const 1)) (local.get $n)))
        (local.set $dp (i32.add (local.get $d) (i32.shl (i32.mul (local.get $i) (local.get $ds)) (i32.const 3))))
        (local.set $s (v128.load64_splat (local.get $dp)))
        (local.set $sum (f64x2.add (local.get $sum) (v128.load (local.get $dp))))
        (local.set $dp (i32.add (local.get $dp) (i32.shl (local.get $ds) (i32.const 3))))
        (local.set $s2 (v128.load64_splat (local.get $dp)))
        (local.set $sum (f64x2.add (local.get $sum) (v128.load (local.get $dp))))
        (local.set $wp (local.get $w))
        (block $doneM2
          (loop $eachM2
            (br_if $doneM2 (i32.ge_u (local.get $wp) (local.get $wend)))
            (local.set $w0 (v128.load (local.get $wp)))
            (local.set $a (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $s) (local.get $w0))))
            (local.set $t (v128.load (i32.add (local.get $op) (local.get $aux))))
            (v128.store (local.get $op) (f64x2.mul (local.get $a) (local.get $t)))
            (local.set $a (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $s2) (local.get $w0))))
            (local.set $t (v128.load (i32.add (i32.add (local.get $op) (local.get $rowBytes)) (local.get $aux))))
            (v128.store (i32.add (local.get $op) (local.get $rowBytes)) (f64x2.mul (local.get $a) (local.get $t)))
            (local.set $wp (i32.add (local.get $wp) (i32.const 16)))
            (local.set $op (i32.add (local.get $op) (i32.const 16)))
            (br $eachM2)))
        (local.set $op (i32.add (local.get $op) (local.get $rowBytes)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $each2)))
    (block $doneI
      (loop $eachI
        (br_if $doneI (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $dp (i32.add (local.get $d) (i32.shl (i32.mul (local.get $i) (local.get $ds)) (i32.const 3))))
        (local.set $s (v128.load64_splat (local.get $dp)))
        (local.set $sum (f64x2.add (local.get $sum) (v128.load (local.get $dp))))
        (local.set $wp (local.get $w))
        (block $doneM
          (loop $eachM
            (br_if $doneM (i32.ge_u (local.get $wp) (local.get $wend)))
            (local.set $a (f64x2.add (v128.const f64x2 0 0) (f64x2.mul (local.get $s) (v128.load (local.get $wp)))))
            (local.set $t (v128.load (i32.add (local.get $op) (local.get $aux))))
            (v128.store (local.get $op) (f64x2.mul (local.get $a) (local.get $t)))
            (local.set $wp (i32.add (local.get $wp) (i32.const 16)))
            (local.set $op (i32.add (local.get $op) (i32.const 16)))
            (br $eachM)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $eachI)))
    (if (i32.ge_s (local.get $gb) (i32.const 0))
      (then (v128.store (local.get $gb) (local.get $sum)))))

  ;; matmul for ws = 2 (one pair of columns, e.g. a single output padded to
  ;; two): four rows at a time, so that four sums, not one, wait on the adder.
  ;; Each lane sums in increasing m as matmul does, and is finished by $flags as there.
  (func $matmul2
    (param $n i32) (param $din i32) (param $xs i32) (param $x i32) (param $w i32) (param $z i32)
    (param $b i32) (param $aux i32) (param $flags i32) (param $neg f64) (param $atZero f64)
    (local $i i32) (local $xp i32) (local $xend i32) (local $wp i32) (local $xb i32) (local $zp i32) (local $bp i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $w0 v128)
    (local $t v128)
    (local $same i32) (local $pv v128) (local $flip v128) (local $zeroS v128) (local $onev v128) (local $negv v128) (local $zerov v128)
    ;; the slopes as vectors, made once ($flip and $zeroS as in matmul)
    (local.set $onev (v128.const f64x2 1 1))
    (local.set $negv (f64x2.splat (local.get $neg)))
    (local.set $flip (v128.xor (local.get $onev) (local.get $negv)))
    (local.set $zeroS (f64x2.splat (f64.mul (local.get $neg) (f64.const 0))))
    (local.set $zerov (f64x2.splat (local.get $atZero)))
    ;; the slope at 0 is the slope below, bit for bit (a zero of another sign is another slope)
    (local.set $same (i64.eq (i64.reinterpret_f64 (local.get $neg)) (i64.reinterpret_f64 (local.get $atZero))))
    (local.set $bp (local.get $b))
    (local.set $xb (i32.shl (local.get $xs) (i32.const 3)))
    (block $done4
      (loop $each4
        (br_if $done4 (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $n)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $a1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0))
        (local.set $a3 (v128.const f64x2 0 0))
        (local.set $xp (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $xb))))
        (local.set $xend (i32.add (local.get $xp) (i32.shl (local.get $din) (i32.const 3))))
        (local.set $wp (local.get $w))
        (block $doneM
          (loop $eachM
            (br_if $doneM (i32.ge_u (local.get $xp) (local.get $xend)))
            (local.set $w0 (v128.load (local.get $wp)))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load64_splat (local.get $xp)) (local.get $w0))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load64_splat (i32.add (local.get $xp) (local.get $xb))) (local.get $w0))))
            (local.set $a2 (f64x2.add (local.get $a2)
              (f64x2.mul (v128.load64_splat (i32.add (local.get $xp) (i32.shl (local.get $xb) (i32.const 1)))) (local.get $w0))))
            (local.set $a3 (f64x2.add (local.get $a3)
              (f64x2.mul (v128.load64_splat (i32.add (local.get $xp) (i32.mul (local.get $xb) (i32.const 3)))) (local.get $w0))))
            (local.set $wp (i32.add (local.get $wp) (i32.const 16)))
            (local.set $xp (i32.add (local.get $xp) (i32.const 8)))
            (br $eachM)))
        (local.set $zp (i32.add (local.get $z) (i32.shl (local.get $i) (i32.const 4))))
        ;; the epilogue (see $flags): bias, σ'(S) of the layer below, store, H = σ(Z)
        (if (i32.and (local.get $flags) (i32.const 1))
          (then
            (local.set $a0 (f64x2.add (local.get $a0) (v128.load offset=0 (local.get $bp))))
            (local.set $a1 (f64x2.add (local.get $a1) (v128.load offset=0 (local.get $bp))))
            (local.set $a2 (f64x2.add (local.get $a2) (v128.load offset=0 (local.get $bp))))
            (local.set $a3 (f64x2.add (local.get $a3) (v128.load offset=0 (local.get $bp))))))
        (if (i32.and (local.get $flags) (i32.const 4))
          (then
            (local.set $t (v128.load offset=0 (i32.add (local.get $zp) (local.get $aux))))
            (local.set $a0 (f64x2.mul (local.get $a0) (local.get $t)))
            (local.set $t (v128.load offset=16 (i32.add (local.get $zp) (local.get $aux))))
            (local.set $a1 (f64x2.mul (local.get $a1) (local.get $t)))
            (local.set $t (v128.load offset=32 (i32.add (local.get $zp) (local.get $aux))))
            (local.set $a2 (f64x2.mul (local.get $a2) (local.get $t)))
            (local.set $t (v128.load offset=48 (i32.add (local.get $zp) (local.get $aux))))
            (local.set $a3 (f64x2.mul (local.get $a3) (local.get $t)))))
        (if (i32.and (local.get $flags) (i32.const 2))
          (then
            ;; σ′ is 1 above 0 and $neg elsewhere when σ′(0) is $neg too (every activation but |x|):
            ;; then σ(z) = σ′(z)·z, 1·z above 0 and neg·z elsewhere, the very products σ takes
            (if (local.get $same)
              (then
                (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $a0) (v128.const f64x2 0 0)))))
                (v128.store offset=0 (i32.add (local.get $zp) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $a0)))
                (v128.store offset=0 (local.get $zp) (local.get $pv))
                (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $a1) (v128.const f64x2 0 0)))))
                (v128.store offset=16 (i32.add (local.get $zp) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $a1)))
                (v128.store offset=16 (local.get $zp) (local.get $pv))
                (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $a2) (v128.const f64x2 0 0)))))
                (v128.store offset=32 (i32.add (local.get $zp) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $a2)))
                (v128.store offset=32 (local.get $zp) (local.get $pv))
                (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $a3) (v128.const f64x2 0 0)))))
                (v128.store offset=48 (i32.add (local.get $zp) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $a3)))
                (v128.store offset=48 (local.get $zp) (local.get $pv)))
              (else
                (v128.store offset=0 (i32.add (local.get $zp) (local.get $aux))
                  (v128.bitselect (local.get $a0) (f64x2.mul (local.get $negv) (local.get $a0)) (f64x2.lt (local.get $zeroS) (local.get $a0))))
                (v128.store offset=0 (local.get $zp)
                  (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $a0) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $a0))))
                (v128.store offset=16 (i32.add (local.get $zp) (local.get $aux))
                  (v128.bitselect (local.get $a1) (f64x2.mul (local.get $negv) (local.get $a1)) (f64x2.lt (local.get $zeroS) (local.get $a1))))
                (v128.store offset=16 (local.get $zp)
                  (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $a1) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $a1))))
                (v128.store offset=32 (i32.add (local.get $zp) (local.get $aux))
                  (v128.bitselect (local.get $a2) (f64x2.mul (local.get $negv) (local.get $a2)) (f64x2.lt (local.get $zeroS) (local.get $a2))))
                (v128.store offset=32 (local.get $zp)
                  (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $a2) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $a2))))
                (v128.store offset=48 (i32.add (local.get $zp) (local.get $aux))
                  (v128.bitselect (local.get $a3) (f64x2.mul (local.get $negv) (local.get $a3)) (f64x2.lt (local.get $zeroS) (local.get $a3))))
                (v128.store offset=48 (local.get $zp)
                  (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $a3) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $a3)))))))
          (else
            (v128.store offset=0 (local.get $zp) (local.get $a0))
            (v128.store offset=16 (local.get $zp) (local.get $a1))
            (v128.store offset=32 (local.get $zp) (local.get $a2))
            (v128.store offset=48 (local.get $zp) (local.get $a3))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $each4)))
    (block $done1
      (loop $each1
        (br_if $done1 (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $xp (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $xb))))
        (local.set $xend (i32.add (local.get $xp) (i32.shl (local.get $din) (i32.const 3))))
        (local.set $wp (local.get $w))
        (block $doneM1
          (loop $eachM1
            (br_if $doneM1 (i32.ge_u (local.get $xp) (local.get $xend)))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load64_splat (local.get $xp)) (v128.load (local.get $wp)))))
            (local.set $wp (i32.add (local.get $wp) (i32.const 16)))
            (local.set $xp (i32.add (local.get $xp) (i32.const 8)))
            (br $eachM1)))
        (local.set $zp (i32.add (local.get $z) (i32.shl (local.get $i) (i32.const 4))))
        ;; the epilogue (see $flags): bias, σ'(S) of the layer below, store, H = σ(Z)
        (if (i32.and (local.get $flags) (i32.const 1))
          (then
            (local.set $a0 (f64x2.add (local.get $a0) (v128.load offset=0 (local.get $bp))))))
        (if (i32.and (local.get $flags) (i32.const 4))
          (then
            (local.set $t (v128.load offset=0 (i32.add (local.get $zp) (local.get $aux))))
            (local.set $a0 (f64x2.mul (local.get $a0) (local.get $t)))))
        (if (i32.and (local.get $flags) (i32.const 2))
          (then
            ;; σ′ is 1 above 0 and $neg elsewhere when σ′(0) is $neg too (every activation but |x|):
            ;; then σ(z) = σ′(z)·z, 1·z above 0 and neg·z elsewhere, the very products σ takes
            (if (local.get $same)
              (then
                (local.set $pv (v128.xor (local.get $negv) (v128.and (local.get $flip) (f64x2.gt (local.get $a0) (v128.const f64x2 0 0)))))
                (v128.store offset=0 (i32.add (local.get $zp) (local.get $aux)) (f64x2.mul (local.get $pv) (local.get $a0)))
                (v128.store offset=0 (local.get $zp) (local.get $pv)))
              (else
                (v128.store offset=0 (i32.add (local.get $zp) (local.get $aux))
                  (v128.bitselect (local.get $a0) (f64x2.mul (local.get $negv) (local.get $a0)) (f64x2.lt (local.get $zeroS) (local.get $a0))))
                (v128.store offset=0 (local.get $zp)
                  (v128.bitselect (local.get $onev) (v128.bitselect (local.get $negv) (local.get $zerov) (f64x2.lt (local.get $a0) (v128.const f64x2 0 0))) (f64x2.lt (local.get $zeroS) (local.get $a0)))))))
          (else
            (v128.store offset=0 (local.get $zp) (local.get $a0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each1))))

  ;; matmul2 for a layer of one output without σ (the output layer): its one
  ;; sum, for rows i, i + 1 in the two lanes where matmul2 spends a lane on the
  ;; padding column, eight rows at a time (four sums in flight). The inputs m,
  ;; m + 1 of two rows, loaded as two vectors, are regrouped as the inputs m of
  ;; both rows and the inputs m + 1 of both rows; every lane sums in increasing
  ;; m from 0 and adds the bias (flag 1) last, as matmul2 does. The rows past
  ;; the last eight, and an odd din (whose pairs would read W past its last
  ;; row), are matmul2's. The padding column of Z is left as it is (0).
  (func $matmulOut
    (param $n i32) (param $din i32) (param $xs i32) (param $x i32) (param $w i32) (param $z i32)
    (param $b i32) (param $aux i32) (param $flags i32) (param $neg f64) (param $atZero f64)
    (local $i i32) (local $xb i32) (local $xp i32) (local $xend i32) (local $wp i32) (local $zp i32)
    (local $wm v128) (local $wn v128) (local $p v128) (local $q v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $xb (i32.shl (local.get $xs) (i32.const 3)))
    (if (i32.eqz (i32.and (local.get $din) (i32.const 1)))
      (then
        (block $done8
          (loop $each8
            (br_if $done8 (i32.gt_u (i32.add (local.get $i) (i32.const 8)) (local.get $n)))
            (local.set $a0 (v128.const f64x2 0 0))
            (local.set $a1 (v128.const f64x2 0 0))
            (local.set $a2 (v128.const f64x2 0 0))
            (local.set $a3 (v128.const f64x2 0 0))
            (local.set $xp (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $xb))))
            (local.set $xend (i32.add (local.get $xp) (i32.shl (local.get $din) (i32.const 3))))
            (local.set $wp (local.get $w))
            (block $doneM
              (loop $eachM
                (br_if $doneM (i32.ge_u (local.get $xp) (local.get $xend)))
                ;; W[m] and W[m + 1] (rows m, m + 1 of WT, column 0)
                (local.set $wm (v128.load64_splat offset=0 (local.get $wp)))
                (local.set $wn (v128.load64_splat offset=16 (local.get $wp)))
                (local.set $p (v128.load (local.get $xp)))
                (local.set $q (v128.load (i32.add (local.get $xp) (local.get $xb))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $p) (local.get $q)) (local.get $wm))))
                (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $p) (local.get $q)) (local.get $wn))))
                (local.set $p (v128.load (i32.add (local.get $xp) (i32.mul (local.get $xb) (i32.const 2)))))
                (local.set $q (v128.load (i32.add (local.get $xp) (i32.mul (local.get $xb) (i32.const 3)))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $p) (local.get $q)) (local.get $wm))))
                (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $p) (local.get $q)) (local.get $wn))))
                (local.set $p (v128.load (i32.add (local.get $xp) (i32.mul (local.get $xb) (i32.const 4)))))
                (local.set $q (v128.load (i32.add (local.get $xp) (i32.mul (local.get $xb) (i32.const 5)))))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $p) (local.get $q)) (local.get $wm))))
                (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $p) (local.get $q)) (local.get $wn))))
                (local.set $p (v128.load (i32.add (local.get $xp) (i32.mul (local.get $xb) (i32.const 6)))))
                (local.set $q (v128.load (i32.add (local.get $xp) (i32.mul (local.get $xb) (i32.const 7)))))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $p) (local.get $q)) (local.get $wm))))
                (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $p) (local.get $q)) (local.get $wn))))
                (local.set $wp (i32.add (local.get $wp) (i32.const 32)))
                (local.set $xp (i32.add (local.get $xp) (i32.const 16)))
                (br $eachM)))
            (if (i32.and (local.get $flags) (i32.const 1))
              (then
                (local.set $wm (v128.load64_splat (local.get $b)))
                (local.set $a0 (f64x2.add (local.get $a0) (local.get $wm)))
                (local.set $a1 (f64x2.add (local.get $a1) (local.get $wm)))
                (local.set $a2 (f64x2.add (local.get $a2) (local.get $wm)))
                (local.set $a3 (f64x2.add (local.get $a3) (local.get $wm)))
              ))
            (local.set $zp (i32.add (local.get $z) (i32.shl (local.get $i) (i32.const 4))))
            (v128.store64_lane offset=0 0 (local.get $zp) (local.get $a0))
            (v128.store64_lane offset=16 1 (local.get $zp) (local.get $a0))
            (v128.store64_lane offset=32 0 (local.get $zp) (local.get $a1))
            (v128.store64_lane offset=48 1 (local.get $zp) (local.get $a1))
            (v128.store64_lane offset=64 0 (local.get $zp) (local.get $a2))
            (v128.store64_lane offset=80 1 (local.get $zp) (local.get $a2))
            (v128.store64_lane offset=96 0 (local.get $zp) (local.get $a3))
            (v128.store64_lane offset=112 1 (local.get $zp) (local.get $a3))
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (br $each8)))))
    (call $matmul2 (i32.sub (local.get $n) (local.get $i)) (local.get $din) (local.get $xs)
      (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $xb))) (local.get $w)
      (i32.add (local.get $z) (i32.shl (local.get $i) (i32.const 4))) (local.get $b)
      (local.get $aux) (local.get $flags) (local.get $neg) (local.get $atZero)))

  ;; One column k of gram's G for a layer of one or two outputs (ds = 2):
  ;; G[m][k] = Σ_{i<n} A[i][m]·D[i][k] for m < din, summed over the points in
  ;; increasing order as gram does. The lanes are two inputs m, m + 1 (a pair
  ;; of A's row times D[i][k]), so that no lane sums the padding column of a
  ;; scalar output; eight inputs at a time (four sums in flight), then two.
  ;; A has row stride as (even: its padding is 0); D at $d is column k with
  ;; row stride 2, and G at $g column k, row stride 2 (G[m][k] at g + 16m).
  (func $gramColumn
    (param $n i32) (param $din i32) (param $as i32) (param $a i32) (param $d i32) (param $g i32)
    (local $i i32) (local $m i32) (local $p i32) (local $q i32) (local $ab i32) (local $gp i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) (local $s v128)
    (local.set $ab (i32.shl (local.get $as) (i32.const 3)))
    (block $done8
      (loop $each8
        (br_if $done8 (i32.gt_u (i32.add (local.get $m) (i32.const 8)) (local.get $din)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $a1 (v128.const f64x2 0 0))
        (local.set $a2 (v128.const f64x2 0 0))
        (local.set $a3 (v128.const f64x2 0 0))
        (local.set $p (local.get $d))
        (local.set $q (i32.add (local.get $a) (i32.shl (local.get $m) (i32.const 3))))
        (local.set $i (i32.const 0))
        (block $doneI
          (loop $eachI
            (br_if $doneI (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $s (v128.load64_splat (local.get $p)))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load offset=0 (local.get $q)) (local.get $s))))
            (local.set $a1 (f64x2.add (local.get $a1) (f64x2.mul (v128.load offset=16 (local.get $q)) (local.get $s))))
            (local.set $a2 (f64x2.add (local.get $a2) (f64x2.mul (v128.load offset=32 (local.get $q)) (local.get $s))))
            (local.set $a3 (f64x2.add (local.get $a3) (f64x2.mul (v128.load offset=48 (local.get $q)) (local.get $s))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $q (i32.add (local.get $q) (local.get $ab)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $eachI)))
        (local.set $gp (i32.add (local.get $g) (i32.shl (local.get $m) (i32.const 4))))
        (v128.store64_lane offset=0 0 (local.get $gp) (local.get $a0))
        (v128.store64_lane offset=16 1 (local.get $gp) (local.get $a0))
        (v128.store64_lane offset=32 0 (local.get $gp) (local.get $a1))
        (v128.store64_lane offset=48 1 (local.get $gp) (local.get $a1))
        (v128.store64_lane offset=64 0 (local.get $gp) (local.get $a2))
        (v128.store64_lane offset=80 1 (local.get $gp) (local.get $a2))
        (v128.store64_lane offset=96 0 (local.get $gp) (local.get $a3))
        (v128.store64_lane offset=112 1 (local.get $gp) (local.get $a3))
        (local.set $m (i32.add (local.get $m) (i32.const 8)))
        (br $each8)))
    ;; the inputs past the last block of eight, two at a time (an odd last one
    ;; paired with A's padding column, its twin not stored)
    (block $done2
      (loop $each2
        (br_if $done2 (i32.ge_u (local.get $m) (local.get $din)))
        (local.set $a0 (v128.const f64x2 0 0))
        (local.set $p (local.get $d))
        (local.set $q (i32.add (local.get $a) (i32.shl (local.get $m) (i32.const 3))))
        (local.set $i (i32.const 0))
        (block $doneI2
          (loop $eachI2
            (br_if $doneI2 (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $a0 (f64x2.add (local.get $a0) (f64x2.mul (v128.load (local.get $q)) (v128.load64_splat (local.get $p)))))
            (local.set $p (i32.add (local.get $p) (i32.const 16)))
            (local.set $q (i32.add (local.get $q) (local.get $ab)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $eachI2)))
        (local.set $gp (i32.add (local.get $g) (i32.shl (local.get $m) (i32.const 4))))
        (v128.store64_lane 0 (local.get $gp) (local.get $a0))
        (if (i32.lt_u (i32.add (local.get $m) (i32.const 1)) (local.get $din))
          (then (v128.store64_lane offset=16 1 (local.get $gp) (local.get $a0))))
        (local.set $m (i32.add (local.get $m) (i32.const 2)))
        (br $each2))))

  ;; BCE with logits on the output layer, two points at a time (rows i and
  ;; i + 1 of F, Y and D, row stride pe, columns j < e; an odd last row is
  ;; paired with itself and its twin masked out): D = (sigmoid(f) − y)·inv, and
  ;; the loss Σ softplus(f) − y f split as out[0..1] = Σ max(f, 0) − y f per lane,
  ;; and Σ log1p(exp(−|f|)) = log Π (1 + t) kept per lane as a mantissa in [1, 2)
  ;; (out[2..3]) and an integer exponent sum (i64 at out[4..5]), whose logarithm
  ;; the caller takes: one log per lane instead of one per point. exp(−|f|) is
  ;; computed here: k = nearest(x/ln 2), r = x − k ln 2 in two parts (the high
  ;; part is ln 2 cut to 40 bits, so k times it is exact; the low part is the
  ;; rest of ln 2, from the exact value of the high part), e^r by its Taylor
  ;; polynomial of degree 13 (|r| ≤ ln 2/2: the first dropped term is below
  ;; 5e−18 of e^r), scaled by 2^k through the exponent bits; x is clamped at
  ;; −707 so 2^k stays normal (e^−707 ≈ 1e−307 is 0 to every sum it enters).
  (func (export "bce")
    (param $n i32) (param $e i32) (param $pe i32) (param $f i32) (param $y i32) (param $d i32) (param $inv f64) (param $out i32)
    (local $i i32) (local $j i32) (local $a0 i32) (local $a1 i32) (local $a0B i32) (local $a1B i32) (local $a0C i32) (local $a1C i32) (local $a0D i32) (local $a1D i32) (local $a0E i32) (local $a1E i32) (local $a0F i32) (local $a1F i32)
    (local $fv v128) (local $yv v128) (local $x v128) (local $k v128) (local $r v128) (local $p v128) (local $t v128) (local $u v128)
    (local $fvB v128) (local $yvB v128) (local $xB v128) (local $kB v128) (local $rB v128) (local $pB v128) (local $tB v128) (local $uB v128)
    (local $fvC v128) (local $yvC v128) (local $xC v128) (local $kC v128) (local $rC v128) (local $pC v128) (local $tC v128) (local $uC v128)
    (local $fvD v128) (local $yvD v128) (local $xD v128) (local $kD v128) (local $rD v128) (local $pD v128) (local $tD v128) (local $uD v128)
    (local $fvE v128) (local $yvE v128) (local $xE v128) (local $kE v128) (local $rE v128) (local $pE v128) (local $tE v128) (local $uE v128)
    (local $fvF v128) (local $yvF v128) (local $xF v128) (local $kF v128) (local $rF v128) (local $pF v128) (local $tF v128) (local $uF v128)
    (local $mask v128) (local $sum v128) (local $prod v128) (local $expo v128) (local $bits v128) (local $invv v128)
    (local.set $invv (f64x2.splat (local.get $inv)))
    (local.set $prod (v128.const f64x2 1 1))
    ;; a scalar output (e = 1): six pairs of rows at a time (rows i, i + 1 as
    ;; above, then i + 2, i + 3 and so on as the B, C, … copies), so that six exp
    ;; polynomials, not one, are in flight (each is a chain of dependent steps); the
    ;; pairs' terms are added in row order, as the loop below adds them, so every
    ;; lane's sums are the same
    (if (i32.eq (local.get $e) (i32.const 1))
      (then
        (block $doneQ
          (loop $eachQ
            (br_if $doneQ (i32.gt_u (i32.add (local.get $i) (i32.const 12)) (local.get $n)))
            (local.set $a0 (i32.shl (i32.mul (local.get $i) (local.get $pe)) (i32.const 3)))
            (local.set $a1 (i32.add (local.get $a0) (i32.shl (local.get $pe) (i32.const 3))))
            (local.set $a0B (i32.add (local.get $a1) (i32.shl (local.get $pe) (i32.const 3))))
            (local.set $a1B (i32.add (local.get $a0B) (i32.shl (local.get $pe) (i32.const 3))))
            (local.set $a0C (i32.add (local.get $a1B) (i32.shl (local.get $pe) (i32.const 3))))
            (local.set $a1C (i32.add (local.get $a0C) (i32.shl (local.get $pe) (i32.const 3))))
            (local.set $a0D (i32.add (local.get $a1C) (i32.shl (local.get $pe) (i32.const 3))))
            (local.set $a1D (i32.add (local.get $a0D) (i32.shl (local.get $pe) (i32.const 3))))
            (local.set $a0E (i32.add (local.get $a1D) (i32.shl (local.get $pe) (i32.const 3))))
            (local.set $a1E (i32.add (local.get $a0E) (i32.shl (local.get $pe) (i32.const 3))))
            (local.set $a0F (i32.add (local.get $a1E) (i32.shl (local.get $pe) (i32.const 3))))
            (local.set $a1F (i32.add (local.get $a0F) (i32.shl (local.get $pe) (i32.const 3))))
            (local.set $fv (v128.load64_lane 1 (i32.add (local.get $f) (local.get $a1)) (v128.load64_zero (i32.add (local.get $f) (local.get $a0)))))
            (local.set $fvB (v128.load64_lane 1 (i32.add (local.get $f) (local.get $a1B)) (v128.load64_zero (i32.add (local.get $f) (local.get $a0B)))))
            (local.set $fvC (v128.load64_lane 1 (i32.add (local.get $f) (local.get $a1C)) (v128.load64_zero (i32.add (local.get $f) (local.get $a0C)))))
            (local.set $fvD (v128.load64_lane 1 (i32.add (local.get $f) (local.get $a1D)) (v128.load64_zero (i32.add (local.get $f) (local.get $a0D)))))
            (local.set $fvE (v128.load64_lane 1 (i32.add (local.get $f) (local.get $a1E)) (v128.load64_zero (i32.add (local.get $f) (local.get $a0E)))))
            (local.set $fvF (v128.load64_lane 1 (i32.add (local.get $f) (local.get $a1F)) (v128.load64_zero (i32.add (local.get $f) (local.get $a0F)))))
            (local.set $yv (v128.load64_lane 1 (i32.add (local.get $y) (local.get $a1)) (v128.load64_zero (i32.add (local.get $y) (local.get $a0)))))
            (local.set $yvB (v128.load64_lane 1 (i32.add (local.get $y) (local.get $a1B)) (v128.load64_zero (i32.add (local.get $y) (local.get $a0B)))))
            (local.set $yvC (v128.load64_lane 1 (i32.add (local.get $y) (local.get $a1C)) (v128.load64_zero (i32.add (local.get $y) (local.get $a0C)))))
            (local.set $yvD (v128.load64_lane 1 (i32.add (local.get $y) (local.get $a1D)) (v128.load64_zero (i32.add (local.get $y) (local.get $a0D)))))
            (local.set $yvE (v128.load64_lane 1 (i32.add (local.get $y) (local.get $a1E)) (v128.load64_zero (i32.add (local.get $y) (local.get $a0E)))))
            (local.set $yvF (v128.load64_lane 1 (i32.add (local.get $y) (local.get $a1F)) (v128.load64_zero (i32.add (local.get $y) (local.get $a0F)))))
            ;; t = exp(x), x = −|f| clamped at −707
            (local.set $x (f64x2.max (f64x2.neg (f64x2.abs (local.get $fv))) (v128.const f64x2 -707 -707)))
            (local.set $xB (f64x2.max (f64x2.neg (f64x2.abs (local.get $fvB))) (v128.const f64x2 -707 -707)))
            (local.set $xC (f64x2.max (f64x2.neg (f64x2.abs (local.get $fvC))) (v128.const f64x2 -707 -707)))
            (local.set $xD (f64x2.max (f64x2.neg (f64x2.abs (local.get $fvD))) (v128.const f64x2 -707 -707)))
            (local.set $xE (f64x2.max (f64x2.neg (f64x2.abs (local.get $fvE))) (v128.const f64x2 -707 -707)))
            (local.set $xF (f64x2.max (f64x2.neg (f64x2.abs (local.get $fvF))) (v128.const f64x2 -707 -707)))
            (local.set $k (f64x2.nearest (f64x2.mul (local.get $x) (v128.const f64x2 1.4426950408889634 1.4426950408889634))))
            (local.set $kB (f64x2.nearest (f64x2.mul (local.get $xB) (v128.const f64x2 1.4426950408889634 1.4426950408889634))))
            (local.set $kC (f64x2.nearest (f64x2.mul (local.get $xC) (v128.const f64x2 1.4426950408889634 1.4426950408889634))))
            (local.set $kD (f64x2.nearest (f64x2.mul (local.get $xD) (v128.const f64x2 1.4426950408889634 1.4426950408889634))))
            (local.set $kE (f64x2.nearest (f64x2.mul (local.get $xE) (v128.const f64x2 1.4426950408889634 1.4426950408889634))))
            (local.set $kF (f64x2.nearest (f64x2.mul (local.get $xF) (v128.const f64x2 1.4426950408889634 1.4426950408889634))))
            (local.set $r (f64x2.sub
              (f64x2.sub (local.get $x) (f64x2.mul (local.get $k) (v128.const f64x2 0.6931471805592082 0.6931471805592082)))
              (f64x2.mul (local.get $k) (v128.const f64x2 7.371002565167799e-13 7.371002565167799e-13))))
            (local.set $rB (f64x2.sub
              (f64x2.sub (local.get $xB) (f64x2.mul (local.get $kB) (v128.const f64x2 0.6931471805592082 0.6931471805592082)))
              (f64x2.mul (local.get $kB) (v128.const f64x2 7.371002565167799e-13 7.371002565167799e-13))))
            (local.set $rC (f64x2.sub
              (f64x2.sub (local.get $xC) (f64x2.mul (local.get $kC) (v128.const f64x2 0.6931471805592082 0.6931471805592082)))
              (f64x2.mul (local.get $kC) (v128.const f64x2 7.371002565167799e-13 7.371002565167799e-13))))
            (local.set $rD (f64x2.sub
              (f64x2.sub (local.get $xD) (f64x2.mul (local.get $kD) (v128.const f64x2 0.6931471805592082 0.6931471805592082)))
              (f64x2.mul (local.get $kD) (v128.const f64x2 7.371002565167799e-13 7.371002565167799e-13))))
            (local.set $rE (f64x2.sub
              (f64x2.sub (local.get $xE) (f64x2.mul (local.get $kE) (v128.const f64x2 0.6931471805592082 0.6931471805592082)))
              (f64x2.mul (local.get $kE) (v128.const f64x2 7.371002565167799e-13 7.371002565167799e-13))))
            (local.set $rF (f64x2.sub
              (f64x2.sub (local.get $xF) (f64x2.mul (local.get $kF) (v128.const f64x2 0.6931471805592082 0.6931471805592082)))
              (f64x2.mul (local.get $kF) (v128.const f64x2 7.371002565167799e-13 7.371002565167799e-13))))
            (local.set $p (v128.const f64x2 1.6059043836821613e-10 1.6059043836821613e-10))
            (local.set $pB (v128.const f64x2 1.6059043836821613e-10 1.6059043836821613e-10))
            (local.set $pC (v128.const f64x2 1.6059043836821613e-10 1.6059043836821613e-10))
            (local.set $pD (v128.const f64x2 1.6059043836821613e-10 1.6059043836821613e-10))
            (local.set $pE (v128.const f64x2 1.6059043836821613e-10 1.6059043836821613e-10))
            (local.set $pF (v128.const f64x2 1.6059043836821613e-10 1.6059043836821613e-10))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 2.08767569878681e-9 2.08767569878681e-9)))
            (local.set $pB (f64x2.add (f64x2.mul (local.get $pB) (local.get $rB)) (v128.const f64x2 2.08767569878681e-9 2.08767569878681e-9)))
            (local.set $pC (f64x2.add (f64x2.mul (local.get $pC) (local.get $rC)) (v128.const f64x2 2.08767569878681e-9 2.08767569878681e-9)))
            (local.set $pD (f64x2.add (f64x2.mul (local.get $pD) (local.get $rD)) (v128.const f64x2 2.08767569878681e-9 2.08767569878681e-9)))
            (local.set $pE (f64x2.add (f64x2.mul (local.get $pE) (local.get $rE)) (v128.const f64x2 2.08767569878681e-9 2.08767569878681e-9)))
            (local.set $pF (f64x2.add (f64x2.mul (local.get $pF) (local.get $rF)) (v128.const f64x2 2.08767569878681e-9 2.08767569878681e-9)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 2.505210838544172e-8 2.505210838544172e-8)))
            (local.set $pB (f64x2.add (f64x2.mul (local.get $pB) (local.get $rB)) (v128.const f64x2 2.505210838544172e-8 2.505210838544172e-8)))
            (local.set $pC (f64x2.add (f64x2.mul (local.get $pC) (local.get $rC)) (v128.const f64x2 2.505210838544172e-8 2.505210838544172e-8)))
            (local.set $pD (f64x2.add (f64x2.mul (local.get $pD) (local.get $rD)) (v128.const f64x2 2.505210838544172e-8 2.505210838544172e-8)))
            (local.set $pE (f64x2.add (f64x2.mul (local.get $pE) (local.get $rE)) (v128.const f64x2 2.505210838544172e-8 2.505210838544172e-8)))
            (local.set $pF (f64x2.add (f64x2.mul (local.get $pF) (local.get $rF)) (v128.const f64x2 2.505210838544172e-8 2.505210838544172e-8)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 2.755731922398589e-7 2.755731922398589e-7)))
            (local.set $pB (f64x2.add (f64x2.mul (local.get $pB) (local.get $rB)) (v128.const f64x2 2.755731922398589e-7 2.755731922398589e-7)))
            (local.set $pC (f64x2.add (f64x2.mul (local.get $pC) (local.get $rC)) (v128.const f64x2 2.755731922398589e-7 2.755731922398589e-7)))
            (local.set $pD (f64x2.add (f64x2.mul (local.get $pD) (local.get $rD)) (v128.const f64x2 2.755731922398589e-7 2.755731922398589e-7)))
            (local.set $pE (f64x2.add (f64x2.mul (local.get $pE) (local.get $rE)) (v128.const f64x2 2.755731922398589e-7 2.755731922398589e-7)))
            (local.set $pF (f64x2.add (f64x2.mul (local.get $pF) (local.get $rF)) (v128.const f64x2 2.755731922398589e-7 2.755731922398589e-7)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.0000027557319223985893 0.0000027557319223985893)))
            (local.set $pB (f64x2.add (f64x2.mul (local.get $pB) (local.get $rB)) (v128.const f64x2 0.0000027557319223985893 0.0000027557319223985893)))
            (local.set $pC (f64x2.add (f64x2.mul (local.get $pC) (local.get $rC)) (v128.const f64x2 0.0000027557319223985893 0.0000027557319223985893)))
            (local.set $pD (f64x2.add (f64x2.mul (local.get $pD) (local.get $rD)) (v128.const f64x2 0.0000027557319223985893 0.0000027557319223985893)))
            (local.set $pE (f64x2.add (f64x2.mul (local.get $pE) (local.get $rE)) (v128.const f64x2 0.0000027557319223985893 0.0000027557319223985893)))
            (local.set $pF (f64x2.add (f64x2.mul (local.get $pF) (local.get $rF)) (v128.const f64x2 0.0000027557319223985893 0.0000027557319223985893)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.0000248015873015873 0.0000248015873015873)))
            (local.set $pB (f64x2.add (f64x2.mul (local.get $pB) (local.get $rB)) (v128.const f64x2 0.0000248015873015873 0.0000248015873015873)))
            (local.set $pC (f64x2.add (f64x2.mul (local.get $pC) (local.get $rC)) (v128.const f64x2 0.0000248015873015873 0.0000248015873015873)))
            (local.set $pD (f64x2.add (f64x2.mul (local.get $pD) (local.get $rD)) (v128.const f64x2 0.0000248015873015873 0.0000248015873015873)))
            (local.set $pE (f64x2.add (f64x2.mul (local.get $pE) (local.get $rE)) (v128.const f64x2 0.0000248015873015873 0.0000248015873015873)))
            (local.set $pF (f64x2.add (f64x2.mul (local.get $pF) (local.get $rF)) (v128.const f64x2 0.0000248015873015873 0.0000248015873015873)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.0001984126984126984 0.0001984126984126984)))
            (local.set $pB (f64x2.add (f64x2.mul (local.get $pB) (local.get $rB)) (v128.const f64x2 0.0001984126984126984 0.0001984126984126984)))
            (local.set $pC (f64x2.add (f64x2.mul (local.get $pC) (local.get $rC)) (v128.const f64x2 0.0001984126984126984 0.0001984126984126984)))
            (local.set $pD (f64x2.add (f64x2.mul (local.get $pD) (local.get $rD)) (v128.const f64x2 0.0001984126984126984 0.0001984126984126984)))
            (local.set $pE (f64x2.add (f64x2.mul (local.get $pE) (local.get $rE)) (v128.const f64x2 0.0001984126984126984 0.0001984126984126984)))
            (local.set $pF (f64x2.add (f64x2.mul (local.get $pF) (local.get $rF)) (v128.const f64x2 0.0001984126984126984 0.0001984126984126984)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.001388888888888889 0.001388888888888889)))
            (local.set $pB (f64x2.add (f64x2.mul (local.get $pB) (local.get $rB)) (v128.const f64x2 0.001388888888888889 0.001388888888888889)))
            (local.set $pC (f64x2.add (f64x2.mul (local.get $pC) (local.get $rC)) (v128.const f64x2 0.001388888888888889 0.001388888888888889)))
            (local.set $pD (f64x2.add (f64x2.mul (local.get $pD) (local.get $rD)) (v128.const f64x2 0.001388888888888889 0.001388888888888889)))
            (local.set $pE (f64x2.add (f64x2.mul (local.get $pE) (local.get $rE)) (v128.const f64x2 0.001388888888888889 0.001388888888888889)))
            (local.set $pF (f64x2.add (f64x2.mul (local.get $pF) (local.get $rF)) (v128.const f64x2 0.001388888888888889 0.001388888888888889)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))
            (local.set $pB (f64x2.add (f64x2.mul (local.get $pB) (local.get $rB)) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))
            (local.set $pC (f64x2.add (f64x2.mul (local.get $pC) (local.get $rC)) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))
            (local.set $pD (f64x2.add (f64x2.mul (local.get $pD) (local.get $rD)) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))
            (local.set $pE (f64x2.add (f64x2.mul (local.get $pE) (local.get $rE)) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))
            (local.set $pF (f64x2.add (f64x2.mul (local.get $pF) (local.get $rF)) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.041666666666666664 0.041666666666666664)))
            (local.set $pB (f64x2.add (f64x2.mul (local.get $pB) (local.get $rB)) (v128.const f64x2 0.041666666666666664 0.041666666666666664)))
            (local.set $pC (f64x2.add (f64x2.mul (local.get $pC) (local.get $rC)) (v128.const f64x2 0.041666666666666664 0.041666666666666664)))
            (local.set $pD (f64x2.add (f64x2.mul (local.get $pD) (local.get $rD)) (v128.const f64x2 0.041666666666666664 0.041666666666666664)))
            (local.set $pE (f64x2.add (f64x2.mul (local.get $pE) (local.get $rE)) (v128.const f64x2 0.041666666666666664 0.041666666666666664)))
            (local.set $pF (f64x2.add (f64x2.mul (local.get $pF) (local.get $rF)) (v128.const f64x2 0.041666666666666664 0.041666666666666664)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.16666666666666666 0.16666666666666666)))
            (local.set $pB (f64x2.add (f64x2.mul (local.get $pB) (local.get $rB)) (v128.const f64x2 0.16666666666666666 0.16666666666666666)))
            (local.set $pC (f64x2.add (f64x2.mul (local.get $pC) (local.get $rC)) (v128.const f64x2 0.16666666666666666 0.16666666666666666)))
            (local.set $pD (f64x2.add (f64x2.mul (local.get $pD) (local.get $rD)) (v128.const f64x2 0.16666666666666666 0.16666666666666666)))
            (local.set $pE (f64x2.add (f64x2.mul (local.get $pE) (local.get $rE)) (v128.const f64x2 0.16666666666666666 0.16666666666666666)))
            (local.set $pF (f64x2.add (f64x2.mul (local.get $pF) (local.get $rF)) (v128.const f64x2 0.16666666666666666 0.16666666666666666)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.5 0.5)))
            (local.set $pB (f64x2.add (f64x2.mul (local.get $pB) (local.get $rB)) (v128.const f64x2 0.5 0.5)))
            (local.set $pC (f64x2.add (f64x2.mul (local.get $pC) (local.get $rC)) (v128.const f64x2 0.5 0.5)))
            (local.set $pD (f64x2.add (f64x2.mul (local.get $pD) (local.get $rD)) (v128.const f64x2 0.5 0.5)))
            (local.set $pE (f64x2.add (f64x2.mul (local.get $pE) (local.get $rE)) (v128.const f64x2 0.5 0.5)))
            (local.set $pF (f64x2.add (f64x2.mul (local.get $pF) (local.get $rF)) (v128.const f64x2 0.5 0.5)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 1 1)))
            (local.set $pB (f64x2.add (f64x2.mul (local.get $pB) (local.get $rB)) (v128.const f64x2 1 1)))
            (local.set $pC (f64x2.add (f64x2.mul (local.get $pC) (local.get $rC)) (v128.const f64x2 1 1)))
            (local.set $pD (f64x2.add (f64x2.mul (local.get $pD) (local.get $rD)) (v128.const f64x2 1 1)))
            (local.set $pE (f64x2.add (f64x2.mul (local.get $pE) (local.get $rE)) (v128.const f64x2 1 1)))
            (local.set $pF (f64x2.add (f64x2.mul (local.get $pF) (local.get $rF)) (v128.const f64x2 1 1)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 1 1)))
            (local.set $pB (f64x2.add (f64x2.mul (local.get $pB) (local.get $rB)) (v128.const f64x2 1 1)))
            (local.set $pC (f64x2.add (f64x2.mul (local.get $pC) (local.get $rC)) (v128.const f64x2 1 1)))
            (local.set $pD (f64x2.add (f64x2.mul (local.get $pD) (local.get $rD)) (v128.const f64x2 1 1)))
            (local.set $pE (f64x2.add (f64x2.mul (local.get $pE) (local.get $rE)) (v128.const f64x2 1 1)))
            (local.set $pF (f64x2.add (f64x2.mul (local.get $pF) (local.get $rF)) (v128.const f64x2 1 1)))
            (local.set $t (f64x2.mul (local.get $p)
              (i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $k))) (v128.const i64x2 1023 1023)) (i32.const 52))))
            (local.set $tB (f64x2.mul (local.get $pB)
              (i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $kB))) (v128.const i64x2 1023 1023)) (i32.const 52))))
            (local.set $tC (f64x2.mul (local.get $pC)
              (i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $kC))) (v128.const i64x2 1023 1023)) (i32.const 52))))
            (local.set $tD (f64x2.mul (local.get $pD)
              (i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $kD))) (v128.const i64x2 1023 1023)) (i32.const 52))))
            (local.set $tE (f64x2.mul (local.get $pE)
              (i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $kE))) (v128.const i64x2 1023 1023)) (i32.const 52))))
            (local.set $tF (f64x2.mul (local.get $pF)
              (i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $kF))) (v128.const i64x2 1023 1023)) (i32.const 52))))
            (local.set $u (f64x2.add (v128.const f64x2 1 1) (local.get $t)))
            (local.set $uB (f64x2.add (v128.const f64x2 1 1) (local.get $tB)))
            (local.set $uC (f64x2.add (v128.const f64x2 1 1) (local.get $tC)))
            (local.set $uD (f64x2.add (v128.const f64x2 1 1) (local.get $tD)))
            (local.set $uE (f64x2.add (v128.const f64x2 1 1) (local.get $tE)))
            (local.set $uF (f64x2.add (v128.const f64x2 1 1) (local.get $tF)))
            ;; sigmoid(f) = 1/(1 + t) for f ≥ 0, t/(1 + t) below; dℓ/df = sigmoid(f) − y
            (local.set $r (f64x2.div
              (v128.bitselect (v128.const f64x2 1 1) (local.get $t) (f64x2.ge (local.get $fv) (v128.const f64x2 0 0)))
              (local.get $u)))
            (local.set $rB (f64x2.div
              (v128.bitselect (v128.const f64x2 1 1) (local.get $tB) (f64x2.ge (local.get $fvB) (v128.const f64x2 0 0)))
              (local.get $uB)))
            (local.set $rC (f64x2.div
              (v128.bitselect (v128.const f64x2 1 1) (local.get $tC) (f64x2.ge (local.get $fvC) (v128.const f64x2 0 0)))
              (local.get $uC)))
            (local.set $rD (f64x2.div
              (v128.bitselect (v128.const f64x2 1 1) (local.get $tD) (f64x2.ge (local.get $fvD) (v128.const f64x2 0 0)))
              (local.get $uD)))
            (local.set $rE (f64x2.div
              (v128.bitselect (v128.const f64x2 1 1) (local.get $tE) (f64x2.ge (local.get $fvE) (v128.const f64x2 0 0)))
              (local.get $uE)))
            (local.set $rF (f64x2.div
              (v128.bitselect (v128.const f64x2 1 1) (local.get $tF) (f64x2.ge (local.get $fvF) (v128.const f64x2 0 0)))
              (local.get $uF)))
            (local.set $r (f64x2.mul (f64x2.sub (local.get $r) (local.get $yv)) (local.get $invv)))
            (local.set $rB (f64x2.mul (f64x2.sub (local.get $rB) (local.get $yvB)) (local.get $invv)))
            (local.set $rC (f64x2.mul (f64x2.sub (local.get $rC) (local.get $yvC)) (local.get $invv)))
            (local.set $rD (f64x2.mul (f64x2.sub (local.get $rD) (local.get $yvD)) (local.get $invv)))
            (local.set $rE (f64x2.mul (f64x2.sub (local.get $rE) (local.get $yvE)) (local.get $invv)))
            (local.set $rF (f64x2.mul (f64x2.sub (local.get $rF) (local.get $yvF)) (local.get $invv)))
            (v128.store64_lane 0 (i32.add (local.get $d) (local.get $a0)) (local.get $r))
            (v128.store64_lane 1 (i32.add (local.get $d) (local.get $a1)) (local.get $r))
            (v128.store64_lane 0 (i32.add (local.get $d) (local.get $a0B)) (local.get $rB))
            (v128.store64_lane 1 (i32.add (local.get $d) (local.get $a1B)) (local.get $rB))
            (v128.store64_lane 0 (i32.add (local.get $d) (local.get $a0C)) (local.get $rC))
            (v128.store64_lane 1 (i32.add (local.get $d) (local.get $a1C)) (local.get $rC))
            (v128.store64_lane 0 (i32.add (local.get $d) (local.get $a0D)) (local.get $rD))
            (v128.store64_lane 1 (i32.add (local.get $d) (local.get $a1D)) (local.get $rD))
            (v128.store64_lane 0 (i32.add (local.get $d) (local.get $a0E)) (local.get $rE))
            (v128.store64_lane 1 (i32.add (local.get $d) (local.get $a1E)) (local.get $rE))
            (v128.store64_lane 0 (i32.add (local.get $d) (local.get $a0F)) (local.get $rF))
            (v128.store64_lane 1 (i32.add (local.get $d) (local.get $a1F)) (local.get $rF))
            (local.set $sum (f64x2.add (local.get $sum)
              (f64x2.sub (f64x2.max (local.get $fv) (v128.const f64x2 0 0)) (f64x2.mul (local.get $yv) (local.get $fv)))))
            ;; Π (1 + t), renormalised to [1, 2) at every factor
            (local.set $bits (f64x2.mul (local.get $prod) (local.get $u)))
            (local.set $expo (i64x2.add (local.get $expo)
              (i64x2.sub (i64x2.shr_u (local.get $bits) (i32.const 52)) (v128.const i64x2 1023 1023))))
            (local.set $prod (v128.or (v128.and (local.get $bits) (v128.const i64x2 0x000FFFFFFFFFFFFF 0x000FFFFFFFFFFFFF))
              (v128.const i64x2 0x3FF0000000000000 0x3FF0000000000000)))
            (local.set $sum (f64x2.add (local.get $sum)
              (f64x2.sub (f64x2.max (local.get $fvB) (v128.const f64x2 0 0)) (f64x2.mul (local.get $yvB) (local.get $fvB)))))
            (local.set $bits (f64x2.mul (local.get $prod) (local.get $uB)))
            (local.set $expo (i64x2.add (local.get $expo)
              (i64x2.sub (i64x2.shr_u (local.get $bits) (i32.const 52)) (v128.const i64x2 1023 1023))))
            (local.set $prod (v128.or (v128.and (local.get $bits) (v128.const i64x2 0x000FFFFFFFFFFFFF 0x000FFFFFFFFFFFFF))
              (v128.const i64x2 0x3FF0000000000000 0x3FF0000000000000)))
            (local.set $sum (f64x2.add (local.get $sum)
              (f64x2.sub (f64x2.max (local.get $fvC) (v128.const f64x2 0 0)) (f64x2.mul (local.get $yvC) (local.get $fvC)))))
            (local.set $bits (f64x2.mul (local.get $prod) (local.get $uC)))
            (local.set $expo (i64x2.add (local.get $expo)
              (i64x2.sub (i64x2.shr_u (local.get $bits) (i32.const 52)) (v128.const i64x2 1023 1023))))
            (local.set $prod (v128.or (v128.and (local.get $bits) (v128.const i64x2 0x000FFFFFFFFFFFFF 0x000FFFFFFFFFFFFF))
              (v128.const i64x2 0x3FF0000000000000 0x3FF0000000000000)))
            (local.set $sum (f64x2.add (local.get $sum)
              (f64x2.sub (f64x2.max (local.get $fvD) (v128.const f64x2 0 0)) (f64x2.mul (local.get $yvD) (local.get $fvD)))))
            (local.set $bits (f64x2.mul (local.get $prod) (local.get $uD)))
            (local.set $expo (i64x2.add (local.get $expo)
              (i64x2.sub (i64x2.shr_u (local.get $bits) (i32.const 52)) (v128.const i64x2 1023 1023))))
            (local.set $prod (v128.or (v128.and (local.get $bits) (v128.const i64x2 0x000FFFFFFFFFFFFF 0x000FFFFFFFFFFFFF))
              (v128.const i64x2 0x3FF0000000000000 0x3FF0000000000000)))
            (local.set $sum (f64x2.add (local.get $sum)
              (f64x2.sub (f64x2.max (local.get $fvE) (v128.const f64x2 0 0)) (f64x2.mul (local.get $yvE) (local.get $fvE)))))
            (local.set $bits (f64x2.mul (local.get $prod) (local.get $uE)))
            (local.set $expo (i64x2.add (local.get $expo)
              (i64x2.sub (i64x2.shr_u (local.get $bits) (i32.const 52)) (v128.const i64x2 1023 1023))))
            (local.set $prod (v128.or (v128.and (local.get $bits) (v128.const i64x2 0x000FFFFFFFFFFFFF 0x000FFFFFFFFFFFFF))
              (v128.const i64x2 0x3FF0000000000000 0x3FF0000000000000)))
            (local.set $sum (f64x2.add (local.get $sum)
              (f64x2.sub (f64x2.max (local.get $fvF) (v128.const f64x2 0 0)) (f64x2.mul (local.get $yvF) (local.get $fvF)))))
            (local.set $bits (f64x2.mul (local.get $prod) (local.get $uF)))
            (local.set $expo (i64x2.add (local.get $expo)
              (i64x2.sub (i64x2.shr_u (local.get $bits) (i32.const 52)) (v128.const i64x2 1023 1023))))
            (local.set $prod (v128.or (v128.and (local.get $bits) (v128.const i64x2 0x000FFFFFFFFFFFFF 0x000FFFFFFFFFFFFF))
              (v128.const i64x2 0x3FF0000000000000 0x3FF0000000000000)))
            (local.set $i (i32.add (local.get $i) (i32.const 12)))
            (br $eachQ)))))
    (block $doneI
      (loop $eachI
        (br_if $doneI (i32.ge_u (local.get $i) (local.get $n)))
        ;; lane 1 is row i + 1, or row i again (masked) when i is the last row
        (local.set $mask (v128.const i64x2 -1 -1))
        (if (i32.eq (i32.add (local.get $i) (i32.const 1)) (local.get $n))
          (then (local.set $mask (v128.const i64x2 -1 0))))
        (local.set $j (i32.const 0))
        (block $doneJ
          (loop $eachJ
            (br_if $doneJ (i32.ge_u (local.get $j) (local.get $e)))
            (local.set $a0 (i32.shl (i32.add (i32.mul (local.get $i) (local.get $pe)) (local.get $j)) (i32.const 3)))
            (local.set $a1 (select (local.get $a0) (i32.add (local.get $a0) (i32.shl (local.get $pe) (i32.const 3)))
              (i32.eq (i32.add (local.get $i) (i32.const 1)) (local.get $n))))
            (local.set $fv (v128.load64_lane 1 (i32.add (local.get $f) (local.get $a1)) (v128.load64_zero (i32.add (local.get $f) (local.get $a0)))))
            (local.set $yv (v128.load64_lane 1 (i32.add (local.get $y) (local.get $a1)) (v128.load64_zero (i32.add (local.get $y) (local.get $a0)))))
            ;; t = exp(x), x = −|f| clamped at −707
            (local.set $x (f64x2.max (f64x2.neg (f64x2.abs (local.get $fv))) (v128.const f64x2 -707 -707)))
            (local.set $k (f64x2.nearest (f64x2.mul (local.get $x) (v128.const f64x2 1.4426950408889634 1.4426950408889634))))
            (local.set $r (f64x2.sub
              (f64x2.sub (local.get $x) (f64x2.mul (local.get $k) (v128.const f64x2 0.6931471805592082 0.6931471805592082)))
              (f64x2.mul (local.get $k) (v128.const f64x2 7.371002565167799e-13 7.371002565167799e-13))))
            (local.set $p (v128.const f64x2 1.6059043836821613e-10 1.6059043836821613e-10))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 2.08767569878681e-9 2.08767569878681e-9)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 2.505210838544172e-8 2.505210838544172e-8)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 2.755731922398589e-7 2.755731922398589e-7)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.0000027557319223985893 0.0000027557319223985893)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.0000248015873015873 0.0000248015873015873)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.0001984126984126984 0.0001984126984126984)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.001388888888888889 0.001388888888888889)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.008333333333333333 0.008333333333333333)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.041666666666666664 0.041666666666666664)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.16666666666666666 0.16666666666666666)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.5 0.5)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 1 1)))
            (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 1 1)))
            (local.set $t (f64x2.mul (local.get $p)
              (i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $k))) (v128.const i64x2 1023 1023)) (i32.const 52))))
            (local.set $u (f64x2.add (v128.const f64x2 1 1) (local.get $t)))
            ;; sigmoid(f) = 1/(1 + t) for f ≥ 0, t/(1 + t) below; dℓ/df = sigmoid(f) − y
            (local.set $r (f64x2.div
              (v128.bitselect (v128.const f64x2 1 1) (local.get $t) (f64x2.ge (local.get $fv) (v128.const f64x2 0 0)))
              (local.get $u)))
            (local.set $r (f64x2.mul (f64x2.sub (local.get $r) (local.get $yv)) (local.get $invv)))
            (v128.store64_lane 0 (i32.add (local.get $d) (local.get $a0)) (local.get $r))
            (v128.store64_lane 1 (i32.add (local.get $d) (local.get $a1)) (local.get $r))
            (local.set $sum (f64x2.add (local.get $sum)
              (v128.and (local.get $mask)
                (f64x2.sub (f64x2.max (local.get $fv) (v128.const f64x2 0 0)) (f64x2.mul (local.get $yv) (local.get $fv))))))
            ;; Π (1 + t), renormalised to [1, 2) at every factor
            (local.set $bits (f64x2.mul (local.get $prod) (v128.bitselect (local.get $u) (v128.const f64x2 1 1) (local.get $mask))))
            (local.set $expo (i64x2.add (local.get $expo)
              (i64x2.sub (i64x2.shr_u (local.get $bits) (i32.const 52)) (v128.const i64x2 1023 1023))))
            (local.set $prod (v128.or (v128.and (local.get $bits) (v128.const i64x2 0x000FFFFFFFFFFFFF 0x000FFFFFFFFFFFFF))
              (v128.const i64x2 0x3FF0000000000000 0x3FF0000000000000)))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $eachJ)))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $eachI)))
    (v128.store offset=0 (local.get $out) (local.get $sum))
    (v128.store offset=16 (local.get $out) (local.get $prod))
    (v128.store offset=32 (local.get $out) (local.get $expo)))
;; The whole network, one call per pass: the passes below walk the layer
  ;; table (see floatKernel.ts), 64 bytes per weight layer, of i32 fields:
  ;; 0 din, 4 dout, 8 pin, 12 pout (the padded widths), 16 and 20 the byte
  ;; offsets of W_l and b_l in θ and in the gradient (−1: no bias), then the
  ;; addresses of 24 WT, 28 WR, 32 B, 36 Z, 40 H, 44 D, 48 G and 52 GB. Each
  ;; layer runs the loops above exactly as one call each from JavaScript
  ;; would, so the values are theirs; one call instead of several per layer
  ;; saves the crossings, which cost as much as a small layer's loops.

  ;; The forward pass from θ (at $theta, flat in the layout's order) on the
  ;; n rows at $x (row stride $xs): every layer's W_l copied into WT (its
  ;; transpose, for the pass) and WR (for the error sent back), b_l into B,
  ;; then Z = the sums plus the bias and, below the output, H = σ(Z).
  (func (export "forward")
    (param $table i32) (param $depth i32) (param $n i32) (param $theta i32)
    (param $x i32) (param $xs i32) (param $neg f64) (param $atZero f64)
    (local $l i32) (local $t i32) (local $din i32) (local $dout i32) (local $pin i32) (local $pout i32)
    (local $w i32) (local $bo i32) (local $k i32) (local $m i32) (local $v f64)
    (local $wt i32) (local $wr i32) (local $hidden i32) (local $flags i32) (local $aux i32)
    (local $input i32) (local $stride i32)
    (local.set $input (local.get $x))
    (local.set $stride (local.get $xs))
    (block $doneL
      (loop $eachL
        (br_if $doneL (i32.ge_u (local.get $l) (local.get $depth)))
        (local.set $t (i32.add (local.get $table) (i32.shl (local.get $l) (i32.const 6))))
        (local.set $din (i32.load offset=0 (local.get $t)))
        (local.set $dout (i32.load offset=4 (local.get $t)))
        (local.set $pin (i32.load offset=8 (local.get $t)))
        (local.set $pout (i32.load offset=12 (local.get $t)))
        (local.set $w (i32.add (local.get $theta) (i32.load offset=16 (local.get $t))))
        (local.set $bo (i32.load offset=20 (local.get $t)))
        ;; W_l[k][m] to WT[m][k] and WR[k][m] (their padding stays 0)
        (local.set $k (i32.const 0))
        (block $doneK
          (loop $eachK
            (br_if $doneK (i32.ge_u (local.get $k) (local.get $dout)))
            (local.set $wt (i32.add (i32.load offset=24 (local.get $t)) (i32.shl (local.get $k) (i32.const 3))))
            (local.set $wr (i32.add (i32.load offset=28 (local.get $t)) (i32.shl (i32.mul (local.get $k) (local.get $pin)) (i32.const 3))))
            (local.set $m (i32.const 0))
            (block $doneM
              (loop $eachM
                (br_if $doneM (i32.ge_u (local.get $m) (local.get $din)))
                (local.set $v (f64.load (local.get $w)))
                (f64.store (local.get $wt) (local.get $v))
                (f64.store (local.get $wr) (local.get $v))
                (local.set $w (i32.add (local.get $w) (i32.const 8)))
                (local.set $wt (i32.add (local.get $wt) (i32.shl (local.get $pout) (i32.const 3))))
                (local.set $wr (i32.add (local.get $wr) (i32.const 8)))
                (local.set $m (i32.add (local.get $m) (i32.const 1)))
                (br $eachM)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $eachK)))
        (local.set $flags (i32.const 0))
        (if (i32.ge_s (local.get $bo) (i32.const 0))
          (then
            (local.set $flags (i32.const 1))
            (memory.copy (i32.load offset=32 (local.get $t)) (i32.add (local.get $theta) (local.get $bo)) (i32.shl (local.get $dout) (i32.const 3)))))
        (local.set $hidden (i32.lt_u (i32.add (local.get $l) (i32.const 1)) (local.get $depth)))
        (local.set $aux (i32.const 0))
        (if (local.get $hidden)
          (then
            (local.set $flags (i32.or (local.get $flags) (i32.const 2)))
            (local.set $aux (i32.sub (i32.load offset=40 (local.get $t)) (i32.load offset=36 (local.get $t))))))
        ;; a layer of one or two outputs (a scalar output) has its own loop: four rows in flight, not one;
        ;; one output without σ (the network's output) its own again, a row in each lane
        (if (i32.eq (local.get $pout) (i32.const 2))
          (then
            (if (i32.and (i32.eq (local.get $dout) (i32.const 1)) (i32.eqz (local.get $hidden)))
              (then
                (call $matmulOut (local.get $n) (local.get $din) (local.get $stride) (local.get $input)
                  (i32.load offset=24 (local.get $t)) (i32.load offset=36 (local.get $t)) (i32.load offset=32 (local.get $t))
                  (local.get $aux) (local.get $flags) (local.get $neg) (local.get $atZero)))
              (else
                (call $matmul2 (local.get $n) (local.get $din) (local.get $stride) (local.get $input)
                  (i32.load offset=24 (local.get $t)) (i32.load offset=36 (local.get $t)) (i32.load offset=32 (local.get $t))
                  (local.get $aux) (local.get $flags) (local.get $neg) (local.get $atZero)))))
          (else
            (call $matmul (local.get $n) (local.get $din) (local.get $stride) (local.get $pout) (local.get $input)
              (i32.load offset=24 (local.get $t)) (i32.load offset=36 (local.get $t)) (i32.load offset=32 (local.get $t))
              (local.get $aux) (local.get $flags) (local.get $neg) (local.get $atZero))))
        (local.set $input (i32.load offset=40 (local.get $t)))
        (local.set $stride (local.get $pout))
        (local.set $l (i32.add (local.get $l) (i32.const 1)))
        (br $eachL))))

  ;; The backward pass after forward, from D of the output layer (dℓ/df/n):
  ;; for every layer from the last, G = AᵀD (A the layer's input), written
  ;; into the gradient at $grad in the layout's order with the bias's column
  ;; sums, then δ of the layer below, times σ′ of its pre-activations.
  (func (export "backward")
    (param $table i32) (param $depth i32) (param $n i32) (param $grad i32)
    (param $x i32) (param $xs i32) (param $neg f64) (param $atZero f64)
    (local $l i32) (local $t i32) (local $b i32) (local $din i32) (local $dout i32) (local $pin i32) (local $pout i32)
    (local $bo i32) (local $k i32) (local $m i32) (local $a i32) (local $as i32) (local $gp i32) (local $src i32) (local $one i32)
    (local.set $l (local.get $depth))
    (block $doneL
      (loop $eachL
        (br_if $doneL (i32.eqz (local.get $l)))
        (local.set $l (i32.sub (local.get $l) (i32.const 1)))
        (local.set $t (i32.add (local.get $table) (i32.shl (local.get $l) (i32.const 6))))
        (local.set $b (i32.sub (local.get $t) (i32.const 64)))
        (local.set $din (i32.load offset=0 (local.get $t)))
        (local.set $dout (i32.load offset=4 (local.get $t)))
        (local.set $pin (i32.load offset=8 (local.get $t)))
        (local.set $pout (i32.load offset=12 (local.get $t)))
        (local.set $bo (i32.load offset=20 (local.get $t)))
        (local.set $a (local.get $x))
        (local.set $as (local.get $xs))
        (if (local.get $l)
          (then
            (local.set $a (i32.load offset=40 (local.get $b)))
            (local.set $as (local.get $pin))))
        ;; G = AᵀD, by gram in blocks of rows for the cache, or for one or two outputs a column at a time: the same sums in the same order
        (if (i32.eq (local.get $pout) (i32.const 2))
          (then
            (local.set $k (i32.const 0))
            (block $doneC
              (loop $eachC
                (br_if $doneC (i32.ge_u (local.get $k) (local.get $dout)))
                (call $gramColumn (local.get $n) (local.get $din) (local.get $as) (local.get $a)
                  (i32.add (i32.load offset=44 (local.get $t)) (i32.shl (local.get $k) (i32.const 3)))
                  (i32.add (i32.load offset=48 (local.get $t)) (i32.shl (local.get $k) (i32.const 3))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $eachC))))
          (else
            (call $gram (local.get $n) (local.get $din) (local.get $as) (local.get $pout) (local.get $a)
              (i32.load offset=44 (local.get $t)) (i32.load offset=48 (local.get $t)))))
        ;; ∂L/∂W_l[k][m] = G[m][k]
        (local.set $gp (i32.add (local.get $grad) (i32.load offset=16 (local.get $t))))
        (local.set $k (i32.const 0))
        (block $doneK
          (loop $eachK
            (br_if $doneK (i32.ge_u (local.get $k) (local.get $dout)))
            (local.set $src (i32.add (i32.load offset=48 (local.get $t)) (i32.shl (local.get $k) (i32.const 3))))
            (local.set $m (i32.const 0))
            (block $doneM
              (loop $eachM
                (br_if $doneM (i32.ge_u (local.get $m) (local.get $din)))
                (f64.store (local.get $gp) (f64.load (local.get $src)))
                (local.set $gp (i32.add (local.get $gp) (i32.const 8)))
                (local.set $src (i32.add (local.get $src) (i32.shl (local.get $pout) (i32.const 3))))
                (local.set $m (i32.add (local.get $m) (i32.const 1)))
                (br $eachM)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $eachK)))
        ;; the bias's column sums (sendBack1's, on its way, for a scalar output with a layer below)
        (local.set $one (i32.and (i32.ne (local.get $l) (i32.const 0)) (i32.eq (local.get $dout) (i32.const 1))))
        (if (i32.and (i32.ge_s (local.get $bo) (i32.const 0)) (i32.eqz (local.get $one)))
          (then
            (call $columnSums (local.get $n) (local.get $pout) (i32.load offset=44 (local.get $t)) (i32.load offset=52 (local.get $t)))))
        ;; δ of the layer below, times σ′ of its pre-activations as each sum is stored
        ;; (a scalar output's error goes back as one product per entry: matmul's blocks would cost more than the term)
        (if (local.get $l)
          (then
            (if (local.get $one)
              (then
                (call $sendBack1 (local.get $n) (local.get $pin) (local.get $pout) (i32.load offset=44 (local.get $t))
                  (i32.load offset=28 (local.get $t)) (i32.load offset=44 (local.get $b))
                  (i32.sub (i32.load offset=36 (local.get $b)) (i32.load offset=44 (local.get $b)))
                  (select (i32.load offset=52 (local.get $t)) (i32.const -1) (i32.ge_s (local.get $bo) (i32.const 0)))))
              (else
                (call $matmul (local.get $n) (local.get $dout) (local.get $pout) (local.get $pin) (i32.load offset=44 (local.get $t))
                  (i32.load offset=28 (local.get $t)) (i32.load offset=44 (local.get $b)) (i32.const 0)
                  (i32.sub (i32.load offset=36 (local.get $b)) (i32.load offset=44 (local.get $b)))
                  (i32.const 4) (local.get $neg) (local.get $atZero))))))
        (if (i32.ge_s (local.get $bo) (i32.const 0))
          (then
            (memory.copy (i32.add (local.get $grad) (local.get $bo)) (i32.load offset=52 (local.get $t)) (i32.shl (local.get $dout) (i32.const 3)))))
        (br $eachL))))

  ;; One step of plain gradient descent and what it records: θ ← θ − η·g over
  ;; the $size entries of θ and g (each rounded as θ − (η·g)), then for every
  ;; hidden neuron k, from its slots (i32 θ indices at $slots, neuron k's
  ;; incoming ones slots[bounds[2k] … bounds[2k+1]), its outgoing ones up to
  ;; bounds[2k+2]): c[k] = Σ_in θ′² − Σ_out θ′² and pred[k] = η²·(Σ_in g² −
  ;; Σ_out g²), each square sum from 0 in slot order, as floatInvariants takes
  ;; it. Returns 1 when every θ′ is finite, else 0.
  (func (export "descend")
    (param $theta i32) (param $grad i32) (param $size i32) (param $lr f64)
    (param $slots i32) (param $bounds i32) (param $neurons i32) (param $c i32) (param $pred i32)
    (result i32)
    (local $p i32) (local $q i32) (local $end i32) (local $v f64) (local $all f64)
    (local $k i32) (local $j i32) (local $jend i32) (local $idx i32)
    (local $si f64) (local $so f64) (local $gi f64) (local $go f64) (local $lr2 f64)
    (local $lrv v128) (local $vv v128) (local $allv v128)
    (local.set $p (local.get $theta))
    (local.set $q (local.get $grad))
    (local.set $end (i32.add (local.get $theta) (i32.shl (local.get $size) (i32.const 3))))
    ;; two entries at a time (the same roundings, lane by lane), then the last one of an odd size
    (local.set $lrv (f64x2.splat (local.get $lr)))
    (block $doneU2
      (loop $eachU2
        (br_if $doneU2 (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end)))
        (local.set $vv (f64x2.sub (v128.load (local.get $p)) (f64x2.mul (local.get $lrv) (v128.load (local.get $q)))))
        (v128.store (local.get $p) (local.get $vv))
        (local.set $allv (f64x2.add (local.get $allv) (f64x2.sub (local.get $vv) (local.get $vv))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $eachU2)))
    (local.set $all (f64.add (f64x2.extract_lane 0 (local.get $allv)) (f64x2.extract_lane 1 (local.get $allv))))
    (block $doneU
      (loop $eachU
        (br_if $doneU (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $v (f64.sub (f64.load (local.get $p)) (f64.mul (local.get $lr) (f64.load (local.get $q)))))
        (f64.store (local.get $p) (local.get $v))
        ;; v − v is 0 for a finite v and NaN otherwise: $all stays 0 while every θ′ is finite
        (local.set $all (f64.add (local.get $all) (f64.sub (local.get $v) (local.get $v))))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (local.set $q (i32.add (local.get $q) (i32.const 8)))
        (br $eachU)))
    (local.set $lr2 (f64.mul (local.get $lr) (local.get $lr)))
    (block $doneK
      (loop $eachK
        (br_if $doneK (i32.ge_u (local.get $k) (local.get $neurons)))
        (local.set $si (f64.const 0))
        (local.set $gi (f64.const 0))
        (local.set $jend (i32.load (i32.add (local.get $bounds) (i32.shl (i32.add (i32.shl (local.get $k) (i32.const 1)) (i32.const 1)) (i32.const 2)))))
        (block $doneIn
          (loop $eachIn
            (br_if $doneIn (i32.ge_u (local.get $j) (local.get $jend)))
            (local.set $idx (i32.shl (i32.load (i32.add (local.get $slots) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 3)))
            (local.set $v (f64.load (i32.add (local.get $theta) (local.get $idx))))
            (local.set $si (f64.add (local.get $si) (f64.mul (local.get $v) (local.get $v))))
            (local.set $v (f64.load (i32.add (local.get $grad) (local.get $idx))))
            (local.set $gi (f64.add (local.get $gi) (f64.mul (local.get $v) (local.get $v))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $eachIn)))
        (local.set $so (f64.const 0))
        (local.set $go (f64.const 0))
        (local.set $jend (i32.load (i32.add (local.get $bounds) (i32.shl (i32.add (i32.shl (local.get $k) (i32.const 1)) (i32.const 2)) (i32.const 2)))))
        (block $doneOut
          (loop $eachOut
            (br_if $doneOut (i32.ge_u (local.get $j) (local.get $jend)))
            (local.set $idx (i32.shl (i32.load (i32.add (local.get $slots) (i32.shl (local.get $j) (i32.const 2)))) (i32.const 3)))
            (local.set $v (f64.load (i32.add (local.get $theta) (local.get $idx))))
            (local.set $so (f64.add (local.get $so) (f64.mul (local.get $v) (local.get $v))))
            (local.set $v (f64.load (i32.add (local.get $grad) (local.get $idx))))
            (local.set $go (f64.add (local.get $go) (f64.mul (local.get $v) (local.get $v))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $eachOut)))
        (f64.store (i32.add (local.get $c) (i32.shl (local.get $k) (i32.const 3))) (f64.sub (local.get $si) (local.get $so)))
        (f64.store (i32.add (local.get $pred) (i32.shl (local.get $k) (i32.const 3)))
          (f64.mul (local.get $lr2) (f64.sub (local.get $gi) (local.get $go))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $eachK)))
    (f64.eq (local.get $all) (local.get $all))))
