import fc from "fast-check";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { integrateFlow } from "../../src/flow/integrateFlow.js";
import type { Activation } from "../../src/net/activation.js";
import { lawArchitecture } from "../../src/laws/lawArchitecture.js";
import { parameterNames } from "../../src/laws/parameterNames.js";
import { conservationLaws } from "../../src/laws/conservationLaws.js";
import { rrefExact, type RationalPolynomial } from "../../src/laws/explicitLaws.js";
import { knownLawCount } from "../../src/laws/knownLawCount.js";
import { parseRational } from "../../src/scalar/parseRational.js";
import { flowActivation, smallFlowProblem } from "../flow/flowHelpers.js";

const activationText = (a: Activation): string => (a.kind === "leaky_relu" ? `leaky_relu:${a.slope}` : a.kind);
const twoSlopes = fc.constantFrom("relu", "abs", "leaky_relu:1/10", "leaky_relu:-3/10");
const anyActivation = fc.oneof(twoSlopes, fc.constant("linear"));
const width = (max: number): fc.Arbitrary<number> => fc.integer({ min: 1, max });

describe("conservationLaws", () => {
  it("should find exactly the c_k of docs/theory.md for a 3,4,1 ReLU net, certified", () => {
    const r = conservationLaws(lawArchitecture([3, 4, 1]));
    expect(r.laws.map((l) => l.text)).toEqual([1, 2, 3, 4].map((k) => `w${k}1^2 + w${k}2^2 + w${k}3^2 - a${k}^2`));
    expect([r.count, r.lower, r.upper, r.certified]).toEqual([4n, 4n, 4n, true]);
  });

  it("should count 5 laws, not 6, for a linear 1,3,1 net: the 3×3 matrix W1W1ᵀ − W2ᵀW2 has rank ≤ 2", () => {
    const r = conservationLaws(lawArchitecture([1, 3, 1], { activation: "linear" }));
    expect([r.count, r.upper, r.certified]).toEqual([5n, 5n, true]);
    expect(r.laws.map((l) => l.text)).toContain("w11*w21 - a1*a2");
  });

  it("should not certify a deep linear 1,2,2,1 net: one generator field leaves D − 1 = 7 local laws, of which 6 are polynomial up to degree 4", () => {
    const r = conservationLaws(lawArchitecture([1, 2, 2, 1], { activation: "linear" }), { degree: 4 });
    expect([r.lower, r.upper, r.certified, r.lie.stop]).toEqual([6n, 7n, false, "closed"]);
  });

  it("should match the closed forms of Marcotte et al. on two-layer nets, certified (their determinantal count for linear nets included)", () => {
    fc.assert(
      fc.property(width(3), width(6), width(3), fc.boolean(), anyActivation, (d, r, e, bias, activation) => {
        const arch = lawArchitecture([d, r, e], { bias, activation });
        const found = conservationLaws(arch);
        expect(found.certified).toBe(true);
        expect(found.count).toBe(knownLawCount(arch)!.count);
      }),
      { numRuns: 60 },
    );
  });

  it("should add exactly one law when a neuron is added to any hidden layer of a ReLU-type net", () => {
    fc.assert(
      fc.property(
        fc.array(width(3), { minLength: 3, maxLength: 4 }),
        fc.nat(),
        fc.boolean(),
        twoSlopes,
        (widths, pick, bias, activation) => {
          const layer = 1 + (pick % (widths.length - 2));
          const wider = widths.map((w, i) => (i === layer ? w + 1 : w));
          const before = conservationLaws(lawArchitecture(widths, { bias, activation }));
          const after = conservationLaws(lawArchitecture(wider, { bias, activation }));
          expect(before.certified && after.certified).toBe(true);
          expect(after.count - before.count).toBe(1n);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("should give a space of laws that permuting the hidden neurons maps onto itself, with the same count at every seed", () => {
    fc.assert(
      fc.property(
        width(2),
        width(4),
        width(2),
        fc.boolean(),
        anyActivation,
        fc.integer({ min: 1, max: 1000 }),
        (d, r, e, bias, activation, seed) => {
          const arch = lawArchitecture([d, r, e], { bias, activation });
          const base = conservationLaws(arch);
          expect(conservationLaws(arch, { seed }).count).toBe(base.count);
          // a cyclic shift of the hidden neurons, as a map on parameter names
          const names = parameterNames(arch);
          const shift = (k: number): number => (k % r) + 1;
          const renamed = names.map((n) => n.replace(/^([wab])(\d)/, (_, p: string, k: string) => `${p}${shift(Number(k))}`));
          const permutation = renamed.map((n) => names.indexOf(n));
          expect(permutation.filter((j, i) => j !== i).length).toBe(r === 1 ? 0 : r * (d + (bias ? 1 : 0) + e));
          const moved = base.laws.map((l) => permute(l.polynomial, permutation));
          expect(
            sameSpan(
              base.laws.map((l) => l.polynomial),
              moved,
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
  });
});

/** Renames the variables of a polynomial: variable v becomes perm[v]. */
function permute(p: RationalPolynomial, perm: readonly number[]): RationalPolynomial {
  return p.map(([m, q]) => [
    [...m]
      .map((ch) => perm[ch.charCodeAt(0)]!)
      .sort((a, b) => a - b)
      .map((v) => String.fromCharCode(v))
      .join(""),
    q,
  ]);
}

/** Whether two lists of polynomials span the same space over Q (equal reduced echelon forms). */
function sameSpan(a: RationalPolynomial[], b: RationalPolynomial[]): boolean {
  const monos = [...new Set([...a, ...b].flatMap((p) => p.map(([m]) => m)))].sort();
  const rows = (ps: RationalPolynomial[]): bigint[][] =>
    ps.map((p) => {
      const lcm = p.reduce((l, [, q]) => (l * q.d) / gcd(l, q.d), 1n);
      const row = monos.map(() => 0n);
      for (const [m, q] of p) row[monos.indexOf(m)] = (q.s * q.n * lcm) / q.d;
      return row;
    });
  const key = (ps: RationalPolynomial[]): string =>
    JSON.stringify(rrefExact(rows(ps), monos.length).rows.map((r) => r.map((q) => q.toFraction())));
  return key(a) === key(b);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** A law's value at parameters given as decimal text, at 60 digits. */
const Dec = Decimal.clone({ precision: 60 });

function evaluate(p: RationalPolynomial, theta: readonly string[]): Decimal {
  return p.reduce(
    (s, [m, q]) => s.plus([...m].reduce((t, ch) => t.times(theta[ch.charCodeAt(0)]!), new Dec((q.s * q.n).toString()).div(q.d.toString()))),
    new Dec(0),
  );
}

describe("conservation laws along the flow", () => {
  it("should keep every discovered law (products included) constant along 40-digit Taylor flows of random nets and data", () => {
    fc.assert(
      fc.property(smallFlowProblem(flowActivation), ({ net, data }) => {
        const d = net.layers[0]!.W[0]!.length;
        const arch = lawArchitecture([d, net.layers[0]!.W.length, 1], {
          bias: net.layers[0]!.b !== undefined && net.layers[1]!.b !== undefined,
          activation: activationText(net.activation),
        });
        fc.pre(arch.bias || (net.layers[0]!.b === undefined && net.layers[1]!.b === undefined));
        const run = integrateFlow(net, data, { time: "1/2", digits: 40 });
        const flat = (p: {
          W1: readonly (readonly string[])[];
          b1?: readonly string[] | undefined;
          W2: readonly (readonly string[])[];
          b2?: readonly string[] | undefined;
        }): string[] => [...p.W1.flat(), ...(p.b1 ?? []), ...p.W2.flat(), ...(p.b2 ?? [])];
        const start = flat({ W1: net.layers[0]!.W, b1: net.layers[0]!.b, W2: net.layers[1]!.W, b2: net.layers[1]!.b }).map((v) => {
          const { num, den } = parseRational(v);
          return new Dec(num.toString()).div(den.toString()).toString();
        });
        const end = flat(run.params as { W1: string[][]; b1?: string[]; W2: string[][]; b2?: string[] });
        for (const law of conservationLaws(arch).laws)
          expect(evaluate(law.polynomial, end).minus(evaluate(law.polynomial, start)).abs().toNumber()).toBeLessThan(1e-33);
      }),
      { numRuns: 20 },
    );
  });
});
