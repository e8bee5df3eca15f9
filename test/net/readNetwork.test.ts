import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbNetwork } from "../../src/claims/arbitraries/arbNetwork.js";
import { InputError, ShapeError } from "../../src/errors.js";
import { activationName } from "../../src/net/activationName.js";
import { MAX_NETWORK_PARAMETERS, readNetwork } from "../../src/net/readNetwork.js";

/** The message `readNetwork` gives for `text`, or "ok". */
function verdict(text: string): string {
  try {
    readNetwork(text, "net.json");
    return "ok";
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
}

describe("readNetwork", () => {
  it("should read back every network it is given as JSON (numbers as text, activation by name)", () => {
    fc.assert(
      fc.property(arbNetwork(), (net) => {
        const [first, second] = net.layers;
        const file = { activation: activationName(net.activation), W1: first!.W, b1: first!.b, W2: second!.W, b2: second!.b };
        const back = readNetwork(JSON.stringify(file));
        expect(back).toEqual(net);
      }),
      { numRuns: 100 },
    );
  });

  it("should name the field at fault for each malformed file", () => {
    const FORM = "invalid network. Must be { W1, b1?, W2, b2?, activation? } with matrices and vectors of numbers.";
    const cases: [string, string][] = [
      ["null", "invalid network. Must be a JSON object with W1 and W2. Value: `null`."],
      ['{"W1":[[1]],"W2":[[1]],"B1":[1]}', "invalid network key. Must be activation, W1, b1, W2 or b2. Value: `B1`."],
      ['{"W1":[[1]]}', 'invalid network. Must be a JSON object with W1 and W2. Value: `{"W1":[["1"]]}`. W1 and W2 are required.'],
      ['{"W1":[],"W2":[[1]]}', `${FORM} Value: \`{"W1":[],"W2":[["1"]]}\`. In field \`W1\`: must be a non-empty array of rows.`],
      ['{"W1":[1],"W2":[[1]]}', `${FORM} Value: \`{"W1":["1"],"W2":[["1"]]}\`. In field \`W1[0]\`: must be an array.`],
      [
        '{"W1":[[1]],"W2":[[{}]]}',
        `${FORM} Value: \`{"W1":[["1"]],"W2":[[{}]]}\`. In field \`W2[0][0]\`: must be a number or a numeric string.`,
      ],
      [
        '{"W1":[["x"]],"W2":[[1]]}',
        `${FORM} Value: \`{"W1":[["x"]],"W2":[["1"]]}\`. In field \`W1[0][0]\`: invalid number. Must be an integer, a decimal like -0.125 or 1e-3, or a fraction like 3/4. Value: \`x\`.`,
      ],
      [
        '{"activation":[1],"W1":[[1]],"W2":[[1]]}',
        `${FORM} Value: \`{"activation":["1"],"W1":[["1"]],"W2":[[…\`. In field \`activation\`: must be a string.`,
      ],
      ['{"W1":[[]],"W2":[[1]]}', "invalid network W1. Must be rows of at least one column. Value: `[[]]`."],
    ];
    for (const [text, message] of cases) expect(verdict(text), text).toBe(message);
  });

  it("should throw a ShapeError naming the array whose size disagrees", () => {
    for (const [text, what] of [
      ['{"W1":[[1,2],[3]],"W2":[[1,1]]}', "network W1[1]"],
      ['{"W1":[[1],[2]],"W2":[[1]]}', "network W2[0]"],
      ['{"W1":[[1]],"b1":[1,2],"W2":[[1]]}', "network b1"],
      ['{"W1":[[1]],"W2":[[1]],"b2":[]}', "network b2"],
    ]) {
      expect(() => readNetwork(text!), text).toThrow(ShapeError);
      expect(() => readNetwork(text!), text).toThrow(`invalid shape of ${what}.`);
    }
  });

  it("should accept a network at the parameter limit and refuse one parameter more, before parsing it", () => {
    // k neurons of fan-in 1 and one output: 2k parameters, plus one with an output bias.
    const net = (k: number, b2: boolean): string =>
      `{"W1":[${Array(k).fill("[0]").join(",")}],"W2":[[${Array(k).fill("0").join(",")}]]${b2 ? ',"b2":[0]' : ""}}`;
    const k = MAX_NETWORK_PARAMETERS / 2;
    expect(verdict(net(k, false))).toBe("ok");
    expect(verdict(net(k, true))).toBe(
      `invalid net. Must be a network of at most ${MAX_NETWORK_PARAMETERS} parameters. Value: \`net.json: ${MAX_NETWORK_PARAMETERS + 1} values\`.`,
    );
  });
});
