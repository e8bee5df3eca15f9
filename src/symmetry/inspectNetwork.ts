import { InputError } from "../errors.js";
import { activationName } from "../net/activationName.js";
import type { Dataset } from "../net/readDataset.js";
import type { LayeredNetwork } from "../net/layeredNetwork.js";
import { loss } from "../net/loss.js";
import { exact, type Rational } from "../scalar/exact.js";
import { floatFraction } from "../scalar/floatFraction.js";
import { componentOf } from "../topology/componentOf.js";
import { deepTopology } from "../topology/deepTopology.js";
import { deadNeurons } from "./deadNeurons.js";
import type { NetworkInspection } from "./inspectionSchema.js";
import { obstruction } from "./obstruction.js";
import { at } from "../scalar/at.js";

/**
 * Everything relutopo can say about one network at once, exactly: its architecture, every c_{l,k}
 * with the kinds of the neurons per hidden layer, the locked weights and the component θ lies in
 * (`deepTopology`: an exact count at every depth; with two layers also `componentOf`'s pattern),
 * for a scalar output the signs of the output weights the component allows (`obstruction`), and
 * with data the exact mean squared error and the dead relu neurons (`deadNeurons`).
 *
 * @param net - the network θ, exact, or binary floats (a weight file's) taken as the exact fractions they are; any depth
 * @param data - data whose inputs and targets fit the network, or undefined
 * @param known - its c per hidden layer when already computed (`floatLayerInvariants` of a float file)
 * @returns the report, exact values as strings
 * @throws InputError when the data do not fit the network
 * @example const net = { activation: { kind: "relu" }, layers: [{ W: [[exact.parse("1")]] }, { W: [[exact.parse("-2")]] }] };
 * inspectNetwork(net).topology.components
 * // returns "2"
 */
export function inspectNetwork(net: LayeredNetwork<Rational | number>, data?: Dataset<Rational>, known?: Rational[][]): NetworkInspection {
  const { layers } = net;
  // c, the locked weights and their signs need no rational per weight (deepTopology reads floats
  // exactly); the two-layer pattern, the output obstruction and the data do, so a float network is
  // turned into rationals only when one of those is asked for
  let exactNet: LayeredNetwork<Rational> | undefined;
  const layered = (): LayeredNetwork<Rational> => {
    if (exactNet !== undefined) return exactNet;
    if (typeof layers[0]?.W[0]?.[0] !== "number") return net as LayeredNetwork<Rational>;
    const toExact = (v: Rational | number): Rational => (typeof v === "number" ? floatFraction(v) : v);
    exactNet = {
      activation: net.activation,
      layers: layers.map(({ W, b }) => ({ W: W.map((r) => Array.from(r, toExact)), b: b && Array.from(b, toExact) })),
    };
    return exactNet;
  };
  const top = deepTopology(net, known);
  const widths = top.widths;
  const outputs = at(widths, widths.length - 1);
  if (data !== undefined && (data.X.some((x) => x.length !== widths[0]) || data.Y.some((y) => y.length !== outputs)))
    throw new InputError({
      field: "data",
      expected: `rows of ${widths[0]} inputs and ${outputs} target(s)`,
      value: "rows of another width",
    });
  const report: NetworkInspection = {
    schema: "relutopo.inspect/1",
    architecture: {
      widths,
      activation: activationName(net.activation),
      biases: layers.map((x) => x.b !== undefined),
      parameters: layers.reduce((s, x) => s + x.W.length * (x.W[0]?.length ?? 0) + (x.b?.length ?? 0), 0),
    },
    layers: top.layers.map((x) => ({
      layer: x.layer,
      dIn: x.dIn,
      e: x.e,
      c: x.c.map(exact.toString),
      negative: x.signs.negative,
      zero: x.signs.zero,
      positive: x.signs.positive,
      pathological: x.pathological,
      positiveSplit: x.positiveSplit,
    })),
    topology: {
      signLocked: top.signLocked,
      lowerBound: top.lowerBound.toString(),
      exact: top.exact,
      components: top.components.toString(),
      component: top.pattern,
      locked: top.locked.map((w, i) => ({
        weight: w.col < at(widths, w.layer - 1) ? `W${w.layer}[${w.row + 1},${w.col + 1}]` : `b${w.layer}[${w.row + 1}]`,
        layer: w.layer,
        row: w.row,
        col: w.col,
        sign: top.pattern[i] as "+" | "-",
        margin: exact.toString(w.margin),
        singleNeuron: w.singleNeuron,
      })),
    },
  };
  if (layers.length === 2) {
    report.topology.componentOf = componentOf(layered()).pattern;
  }
  if (outputs === 1) {
    const a = at(at(layers, layers.length - 1).W, 0);
    const lockedOut = new Set(top.locked.filter((w) => w.layer === layers.length).map((w) => w.col));
    const pattern = Array.from(a, (v, k) => (lockedOut.has(k) ? ((typeof v === "number" ? v : exact.sign(v)) > 0 ? "+" : "-") : "?")).join(
      "",
    );
    const free = a.length - lockedOut.size;
    const notExcluded = 1n << BigInt(free);
    report.outputSigns = {
      pattern,
      free,
      notExcluded: notExcluded.toString(),
      excluded: ((1n << BigInt(a.length)) - notExcluded).toString(),
    };
    // with data (dead neurons), or a zero or balanced neuron: what gradient descent and the flow add to the topology
    const v = obstruction(layered(), 0, 0, { data });
    if (v.gd !== undefined && v.flow !== undefined) {
      report.outputSigns.gdFrozen = v.gd.frozen;
      report.outputSigns.flowFrozen = v.flow.frozen;
      if (v.flow.signLocked !== undefined) report.outputSigns.flowSignLocked = v.flow.signLocked;
    }
  }
  if (data !== undefined)
    report.data = { rows: data.X.length, loss: exact.toString(loss(layered(), data, exact, "mse")), dead: deadNeurons(layered(), data.X) };
  return report;
}
