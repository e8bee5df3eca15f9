import Algebrite from "algebrite";
import { describe, expect, it } from "vitest";
import { lawArchitecture, type LawArchitecture } from "../../src/laws/lawArchitecture.js";
import { activationSlopes } from "../../src/laws/activationSlopes.js";
import { parameterNames } from "../../src/laws/parameterNames.js";
import { parameterSlots } from "../../src/laws/parameterSlots.js";
import { conservationLaws } from "../../src/laws/conservationLaws.js";

/**
 * The outputs f_o(x; θ) of an architecture inside an activation region, as
 * algebrite text: hidden unit j of layer l computes s_l_j·z with a symbolic
 * slope s_l_j (1 for linear), so one expression covers every region.
 */
function symbolicOutputs(arch: LawArchitecture): string[] {
  const names = parameterNames(arch);
  const slots = parameterSlots(arch);
  const name = (layer: number, row: number, col: number): string =>
    names[slots.findIndex((s) => s.layer === layer && s.row === row && s.col === col)]!;
  const linear = activationSlopes(arch.activation).length === 1;
  const w = arch.widths;
  let units = Array.from({ length: w[0]! }, (_, i) => `x${i + 1}`);
  for (let layer = 1; layer < w.length; layer++) {
    const z = Array.from(
      { length: w[layer]! },
      (_, j) => units.map((u, i) => `${name(layer, j, i)}*(${u})`).join(" + ") + (arch.bias ? ` + ${name(layer, j, -1)}` : ""),
    );
    units = layer === w.length - 1 || linear ? z : z.map((zj, j) => `s${layer}_${j + 1}*(${zj})`);
  }
  return units;
}

const ARCHITECTURES: Array<[number[], { bias?: boolean; activation?: string }]> = [
  [[2, 2, 1], { bias: true }],
  [[1, 3, 1], { activation: "linear" }],
  [[2, 2, 2], { activation: "abs" }],
  [[1, 2, 1], { bias: true, activation: "leaky_relu:1/10" }],
  [[2, 2, 2, 1], {}],
  [[2, 2, 2, 1], { activation: "linear" }],
];

describe("conservation laws, verified symbolically", () => {
  it.each(ARCHITECTURES)(
    "should find laws h of %j (%j) with ∇h·∇θ f_o ≡ 0 as polynomials in x, θ and the slopes (algebrite)",
    (widths, options) => {
      const arch = lawArchitecture(widths, options);
      const names = parameterNames(arch);
      const report = conservationLaws(arch);
      expect(report.certified).toBe(true);
      expect(report.laws.length).toBeGreaterThan(0);
      for (const f of symbolicOutputs(arch))
        for (const law of report.laws) {
          const dot = names.map((v) => `d(${law.text},${v})*d(${f},${v})`).join(" + ");
          expect(Algebrite.run(`expand(${dot})`)).toBe("0");
        }
      // and the check can fail: a non-law (the first law with one sign flipped) is caught
      const broken = report.laws[0]!.text.replace(" - ", " + ");
      const f0 = symbolicOutputs(arch)[0]!;
      expect(Algebrite.run(`expand(${names.map((v) => `d(${broken},${v})*d(${f0},${v})`).join(" + ")})`)).not.toBe("0");
    },
  );
});
