/**
 * Proves the closed forms of I_x(a, b) that src/probability evaluates (the
 * very template objects of closedFormTemplate.ts, printed as algebrite
 * expressions), for small half-integer parameters: F(x) is I_x(a, b) because
 *   F(0) = 0  and  F'(x) = x^(a−1) (1−x)^(b−1) / B(a, b).
 * The square roots are removed by a substitution, so both checks are
 * identities of rational functions (plus d/dt arctan t = 1/(1 + t²)):
 *   no root: x itself; √x: x = u²; √(1−x): x = 1 − s²;
 *   √(x(1−x)) with arctan √(x/(1−x)): x = t²/(1 + t²), where the chain rule
 *   gives F'(t) = x'(t) · density.
 */
import Algebrite from "algebrite";
import { betaHalf, closedFormTemplate, type Polynomial } from "../src/probability/incompleteBetaClosedForm.js";

function fail(message: string): never {
  console.log(`FAILED: ${message}`);
  process.exit(1);
}

/** Σ coef/den · x^i y^j with x, y given as expressions. */
function polyText(p: Polynomial, x: string, y: string): string {
  if (p.terms.length === 0) return "0";
  return `(${p.terms.map((m) => `(${m.coef})/(${p.denominator})*(${x})^${m.i}*(${y})^${m.j}`).join(" + ")})`;
}

const CASES: Array<[number, number]> = [
  [2, 2],
  [4, 6],
  [1, 2],
  [3, 4],
  [2, 1],
  [4, 3],
  [6, 1],
  [1, 1],
  [3, 1],
  [1, 3],
  [3, 3],
  [5, 1],
];

for (const [A, B] of CASES) {
  const t = closedFormTemplate(A, B);
  const { ratio, piPower } = betaHalf(A, B);
  const beta = `(${ratio.s * ratio.n})/(${ratio.d})${piPower ? "*pi" : ""}`;
  let v: string;
  let x: string;
  let y: string;
  let root: string;
  let at0: string;
  switch (t.root) {
    case "none":
      [v, x, y, root, at0] = ["x", "x", "(1-x)", "1", "0"];
      break;
    case "x":
      [v, x, y, root, at0] = ["u", "u^2", "(1-u^2)", "u", "0"];
      break;
    case "y":
      [v, x, y, root, at0] = ["s", "(1-s^2)", "s^2", "s", "1"];
      break;
    case "xy":
      [v, x, y, root, at0] = ["t", "t^2/(1+t^2)", "1/(1+t^2)", "t/(1+t^2)", "0"];
      break;
  }
  const F = `${polyText(t.constant, x, y)} + ${root}*${polyText(t.sqrtPoly, x, y)}${t.arctan ? "/pi + 2/pi*arctan(t)" : ""}`;
  // density · dx/dv, written without half-integer powers: x^(a−1) y^(b−1) in the substituted variable
  const density: Record<typeof t.root, string> = {
    none: `x^(${A / 2 - 1})*(1-x)^(${B / 2 - 1})`,
    x: `u^(${A - 2})*(1-u^2)^(${B / 2 - 1})*2*u`,
    y: `(1-s^2)^(${A / 2 - 1})*s^(${B - 2})*(-2*s)`,
    xy: `t^(${A - 2})*(1+t^2)^(${-(A + B - 4) / 2})*2*t/(1+t^2)^2`,
  };
  Algebrite.clearall();
  const start = performance.now();
  const derivative = Algebrite.run(`simplify(d(${F}, ${v}) - (${density[t.root]})/(${beta}))`);
  if (derivative !== "0") fail(`A=${A}, B=${B}: F' - density = ${derivative}`);
  const initial = Algebrite.run(`simplify(subst(${at0}, ${v}, ${F}))`);
  if (initial !== "0") fail(`A=${A}, B=${B}: F at x = 0 is ${initial}`);
  console.log(
    `proved: closed form of I_x(${A}/2, ${B}/2) (${t.root === "none" ? "rational" : `root ${t.root}${t.arctan ? " + arctan" : ""}`}) has F(0) = 0 and F' = x^(a-1)(1-x)^(b-1)/B(a,b)  [${((performance.now() - start) / 1000).toFixed(1)} s]`,
  );
}
