import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { batchNormBackward } from "../../src/net/batchNormBackward.js";
import { batchNormForward } from "../../src/net/batchNormForward.js";
import { decimal } from "../../src/scalar/decimal.js";

// PyTorch float64 values made by proofs/batchnorm_reference.py (its inputs are short dyadic numbers,
// read here exactly); relutopo computes in 40 digits, so the difference is PyTorch's rounding.
const REF = JSON.parse(readFileSync(new URL("../fixtures/batchnorm/torch_reference.json", import.meta.url), "utf8"));
const D = decimal(40);
const matrix = (m: number[][]) => m.map((r) => r.map((v) => D.parse(String(v))));
const vector = (v: number[]) => v.map((x) => D.parse(String(x)));
const close = (ours: { toNumber(): number }, theirs: number): void =>
  expect(Math.abs(ours.toNumber() - theirs)).toBeLessThan(1e-12 * Math.max(1, Math.abs(theirs)));

describe("batch normalisation against PyTorch (float64)", () => {
  it("should give BatchNorm2d's training-mode output and gradients on 3 images of 2 channels × 2×3 positions", () => {
    // Arrange
    const c = REF.batchNorm2d;
    const norm = { gamma: vector(c.gamma), beta: vector(c.beta), eps: D.parse(c.eps) };
    // Act
    const pass = batchNormForward(matrix(c.Z), norm, D);
    const grad = batchNormBackward(matrix(c.dY), pass, norm, D);
    // Assert
    const each = (ours: readonly { toNumber(): number }[], theirs: number[]): void => {
      for (const [k, v] of ours.entries()) close(v, theirs[k]!);
    };
    pass.output.forEach((r, i) => {
      each(r, c.Y[i]);
    });
    grad.dZ.forEach((r, i) => {
      each(r, c.dZ[i]);
    });
    each(grad.dGamma, c.dGamma);
    each(grad.dBeta, c.dBeta);
  });
});
