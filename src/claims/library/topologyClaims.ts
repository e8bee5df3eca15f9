import fc from "fast-check";
import { at } from "../../scalar/at.js";
import { exact } from "../../scalar/exact.js";
import { effectiveComponentCount } from "../../symmetry/effectiveComponentCount.js";
import { obstruction } from "../../symmetry/obstruction.js";
import { strictOrbitCount } from "../../symmetry/strictOrbitCount.js";
import { neuronInvariants } from "../../invariants/neuronInvariants.js";
import { bettiNumbers } from "../../topology/bettiNumbers.js";
import { poincareFactors } from "../../topology/poincareFactors.js";
import { signCounts } from "../../topology/signCounts.js";
import { componentCount } from "../../topology/componentCount.js";
import { splitNeurons } from "../../topology/splitNeurons.js";
import { arbInvariantVector } from "../arbitraries/arbInvariantVector.js";
import { arbProblem, type Problem } from "../arbitraries/arbProblem.js";
import type { Claim } from "../claim.js";
import { defineClaim } from "../defineClaim.js";
import { datasetCsv } from "../datasetCsv.js";
import { networkFile } from "../networkFile.js";
import { inExact } from "../_internals/exactHelpers.js";

/** Fan-in d_in and output size e of the quadrics, small. */
const dimsArb = fc.record({ dIn: fc.integer({ min: 1, max: 4 }), e: fc.integer({ min: 1, max: 3 }) });
const cArb = arbInvariantVector({ length: { min: 1, max: 3 } });
const counts = (c: string[], dims: { dIn: number; e: number }) => {
  const values = c.map(exact.parse);
  const split = splitNeurons(values, dims);
  return { values, split, components: componentCount(split) };
};

/** The counterexample of a c-vector claim, with every count it compares. */
function countsWitness(c: string[], dims: { dIn: number; e: number }): Record<string, unknown> {
  const { values, split, components } = counts(c, dims);
  return {
    c,
    dIn: dims.dIn,
    e: dims.e,
    components: String(components),
    strictOrbits: String(strictOrbitCount(values, split)),
    effective: String(effectiveComponentCount(split)),
  };
}

/** Theorem: b_0 of the Künneth product equals 2^{#split neurons}. */
export const b0IsTwoToSplit: Claim<[string[], { dIn: number; e: number }]> = defineClaim({
  name: "b0-is-two-to-the-split",
  statement:
    "The number of components b_0 of H(c), read off the Poincaré polynomial, is 2^k with k the number of split neurons (c<0 with e=1, or c>0 with d_in=1).",
  tag: "theorem",
  arbitraries: [cArb, dimsArb],
  predicate: (c, dims) => {
    const { values, components } = counts(c, dims);
    return bettiNumbers(poincareFactors(signCounts(values), dims))[0] === components;
  },
});

/** False: effective components (rescaling + permutation) are as many as components. */
export const effectiveEqualsComponents: Claim<[string[], { dIn: number; e: number }]> = defineClaim({
  name: "effective-equals-components",
  statement:
    "Every component of H(c) is effectively distinct: the number of effective components (up to rescaling and permutation) equals b_0.",
  tag: "false",
  arbitraries: [cArb, dimsArb],
  predicate: (c, dims) => {
    const { split, components } = counts(c, dims);
    return effectiveComponentCount(split) === components;
  },
  witness: countsWitness,
});

/** False: orbits under the exact-c permutations are as many as the effective components. */
export const strictEqualsEffective: Claim<[string[], { dIn: number; e: number }]> = defineClaim({
  name: "strict-orbits-equal-effective",
  statement:
    "The orbits of components under permutations that exchange only neurons of equal c are exactly the effective components (rescaling adds nothing).",
  tag: "false",
  // up to three distinct values, so two split neurons of one kind with different c are common
  arbitraries: [arbInvariantVector({ length: { min: 1, max: 4 }, distinct: 3 }), dimsArb],
  predicate: (c, dims) => {
    const { values, split } = counts(c, dims);
    return strictOrbitCount(values, split) === effectiveComponentCount(split);
  },
  witness: countsWitness,
});

/** False: a disconnected invariant set always obstructs a target that needs positive output weights. */
export const disconnectedAlwaysObstructs: Claim<[Problem, number]> = defineClaim({
  name: "disconnected-always-obstructs",
  statement:
    "If H(c) of a scalar-output network is disconnected, the component of θ contains no network with the number P ≥ 1 of positive output weights a target needs.",
  tag: "false",
  arbitraries: [arbProblem({ outputs: { min: 1, max: 1 }, width: { max: 3 }, points: { max: 2 } }), fc.integer({ min: 1, max: 3 })],
  predicate: (p, P) => {
    const { net } = inExact(p);
    fc.pre(P <= at(net.layers, 0).W.length);
    const dims = { dIn: at(at(net.layers, 0).W, 0).length + (at(net.layers, 0).b ? 1 : 0), e: 1 };
    fc.pre(componentCount(splitNeurons(neuronInvariants(net, exact), dims)) > 1n);
    return obstruction(net, P, 0).obstructed;
  },
  witness: (p, P) => ({ net: networkFile(p.net), data: datasetCsv(p.data), P }),
});
