import { Command, CommanderError } from "commander";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/commands/index.js";
import { exitCodeOf, flagNamer, formatError } from "../../src/cli/main.js";
import { ConvergenceError, InputError, InternalError, PathError, ShapeError } from "../../src/errors.js";

const asFlag = (field: string): string => `--${field}`;

/** Every kind of failure main can meet, each with the exit code the README documents. */
const arbFailure = (message: fc.Arbitrary<string>): fc.Arbitrary<{ err: unknown; code: number }> =>
  fc.oneof(
    message.map((m) => ({ err: new InputError({ field: m, expected: "a value", value: m }), code: 2 })),
    message.map((m) => ({ err: new InputError({ field: "steps", expected: "a positive integer", value: m }), code: 2 })),
    message.map((m) => ({ err: new ShapeError(m, "2x3", "3x2"), code: 2 })),
    message.map((m) => ({ err: new PathError(m, "read", "no such file or directory"), code: 2 })),
    message.map((m) => ({ err: new CommanderError(1, "commander.unknownOption", `error: ${m}`), code: 2 })),
    message.map((m) => ({
      err: new ConvergenceError("gauss", m, "the stage equations diverge", { field: "steps", change: "raise" }),
      code: 3,
    })),
    message.map((m) => ({ err: new InternalError(m), code: 70 })),
    message.map((m) => ({ err: new Error(m), code: 70 })),
    message.map((m) => ({ err: new TypeError(m), code: 70 })),
    message.map((m) => ({ err: m, code: 70 })),
  );

describe("exitCodeOf", () => {
  it("should map bad input and usage to 2, non-convergence to 3 and everything else to 70", () => {
    fc.assert(
      fc.property(arbFailure(fc.string()), ({ err, code }) => {
        expect(exitCodeOf(err)).toBe(code);
      }),
    );
  });

  it("should map commander's help and version to 0, they are not failures", () => {
    for (const code of ["commander.helpDisplayed", "commander.help", "commander.version"]) {
      expect(exitCodeOf(new CommanderError(0, code, "(outputHelp)"))).toBe(0);
    }
  });
});

describe("formatError", () => {
  it("should give exactly one line starting with 'relutopo: ' for any failure and any message, newlines included", () => {
    fc.assert(
      fc.property(arbFailure(fc.string({ unit: fc.constantFrom("a", "b", " ", "\n", "\r\n", "\t", "`", ":") })), ({ err }) => {
        const line = formatError(err, asFlag);
        expect(line.startsWith("relutopo: ")).toBe(true);
        expect(line).not.toMatch(/[\n\r]/);
      }),
    );
  });

  it("should report an InternalError and a plain Error as an internal error to report, without a stack trace", () => {
    // Arrange
    const internal = new InternalError("split neuron 2 has a zero defining coordinate");
    const plain = new Error("Cannot read properties of undefined (reading 'length')");
    // Act, Assert
    expect(formatError(internal, asFlag)).toBe(
      "relutopo: internal error: split neuron 2 has a zero defining coordinate (please report this)",
    );
    expect(formatError(plain, asFlag)).toBe(
      "relutopo: internal error: Cannot read properties of undefined (reading 'length') (please report this)",
    );
    expect(exitCodeOf(internal)).toBe(70);
    expect(exitCodeOf(plain)).toBe(70);
    expect(formatError(plain, asFlag)).not.toMatch(/\bat .*:\d+/);
  });

  it("should render an InputError's and a ConvergenceError's field as the flag the namer gives", () => {
    const input = new InputError({ field: "dIn", expected: "an integer in [1, 4096]", value: "0" });
    const stalled = new ConvergenceError("gauss", "step length 20", "the stage equations diverge", { field: "steps", change: "raise" });
    const namer = (field: string): string => ({ dIn: "--d-in", steps: "--steps" })[field] ?? field;
    expect(formatError(input, namer)).toBe("relutopo: invalid --d-in. Must be an integer in [1, 4096]. Value: `0`.");
    expect(formatError(stalled, namer)).toBe("relutopo: gauss: the stage equations diverge at step length 20; raise --steps");
  });

  it("should drop commander's 'error: ' prefix and print nothing for help and version", () => {
    expect(formatError(new CommanderError(1, "commander.unknownCommand", "error: unknown command 'bogus'"), asFlag)).toBe(
      "relutopo: unknown command 'bogus'",
    );
    expect(formatError(new CommanderError(0, "commander.version", "0.1.0"), asFlag)).toBe("");
  });
});

describe("flagNamer", () => {
  it("should name a field by the long flag of the option whose attribute it is, and leave other fields as they are", () => {
    // Arrange: a command declared as relutopo's are.
    const cmd = new Command("probability")
      .option("--d-in <n>", "fan-in")
      .option("--sigma-w2 <A>", "variance")
      .option("--steps <N>", "steps");
    const name = flagNamer(cmd);
    // Act, Assert
    expect([name("dIn"), name("sigmaW2"), name("steps"), name("W1[0][2]"), name("time")]).toEqual([
      "--d-in",
      "--sigma-w2",
      "--steps",
      "W1[0][2]",
      "time",
    ]);
    expect(flagNamer(undefined)("steps")).toBe("steps");
  });
});

describe("COMMANDS", () => {
  it("should key each registration by the name of the one command it adds, which main builds alone when it comes first", () => {
    for (const [name, register] of Object.entries(COMMANDS)) {
      const program = new Command("relutopo");
      register(program, (action) => async (...args) => {
        await action(...args);
      });
      expect(
        program.commands.map((c) => c.name()),
        name,
      ).toEqual([name]);
    }
    expect(Object.keys(COMMANDS)).toContain("flow");
  });
});
