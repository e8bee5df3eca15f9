import { createRequire } from "node:module";
import type { z as Zod } from "zod";
import { InputError } from "../../errors.js";
import { readJson } from "../../io/readJson.js";
import { zodIssue } from "../../io/zodIssue.js";
import type { Activation } from "../activation.js";
import { parseActivation } from "../parseActivation.js";

/**
 * One module of an `nn.Sequential`, as an architecture file lists it. Sizes a file leaves out are
 * undefined (`in`: checked when given; `bias`: whatever the checkpoint holds when not given).
 * @internal
 */
export type ArchitectureModule =
  | {
      readonly type: "conv";
      readonly dims: 1 | 2;
      readonly in?: number | undefined;
      readonly out: number;
      readonly kernel: readonly number[];
      readonly stride: readonly number[];
      readonly padding: readonly number[];
      readonly groups: number;
      readonly bias?: boolean | undefined;
    }
  | { readonly type: "linear"; readonly in?: number | undefined; readonly out: number; readonly bias?: boolean | undefined }
  | { readonly type: "activation"; readonly activation: Activation }
  | {
      readonly type: "pool";
      readonly kind: "max" | "avg";
      readonly dims: 1 | 2;
      readonly kernel: readonly number[];
      readonly stride: readonly number[];
    }
  | { readonly type: "flatten" }
  /** BatchNorm1d/2d (training mode, affine); `channels` when the file gives it, `eps` as exact text. */
  | { readonly type: "norm"; readonly dims: 1 | 2; readonly channels?: number | undefined; readonly eps: string };

/** What a file lists: its modules, in order, and the input shape [C, …size] when it gives one. @internal */
export interface ArchitectureListing {
  readonly modules: readonly ArchitectureModule[];
  readonly input?: readonly number[] | undefined;
}

// PyTorch's default ε, 1e-5, as exact text
const DEFAULT_EPS = "1/100000";
/** A non-negative decimal or fraction, as a file gives a BatchNorm's ε. */
const DECIMAL = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?(\/\d+)?$/i;

/** The zod schemas of a JSON architecture file. */
function buildSchemas(z: typeof Zod) {
  // readJson keeps numbers as their text
  const int = z.string().regex(/^\d+$/, "a non-negative integer").transform(Number);
  const sizes = z.union([int, z.array(int).min(1).max(2)]);
  const conv = z
    .object({
      out: int,
      kernel: sizes,
      stride: sizes.optional(),
      padding: sizes.optional(),
      groups: int.optional(),
      bias: z.boolean().optional(),
    })
    .strict();
  const pool = z.object({ kernel: sizes, stride: sizes.optional() }).strict();
  const empty = z.object({}).strict();
  const decimal = z.string().regex(DECIMAL, "a non-negative number");
  const norm = z.object({ eps: decimal.optional(), affine: z.boolean().optional() }).strict();
  const entry = z.union([
    z.object({ conv1d: conv }).strict(),
    z.object({ conv2d: conv }).strict(),
    z.object({ linear: z.object({ out: int, bias: z.boolean().optional() }).strict() }).strict(),
    z.object({ maxpool1d: pool }).strict(),
    z.object({ maxpool2d: pool }).strict(),
    z.object({ avgpool1d: pool }).strict(),
    z.object({ avgpool2d: pool }).strict(),
    z.object({ flatten: empty }).strict(),
    z.object({ batchnorm1d: norm }).strict(),
    z.object({ batchnorm2d: norm }).strict(),
    z.object({ relu: empty }).strict(),
    z.object({ abs: empty }).strict(),
    z.object({ identity: empty }).strict(),
    z.object({ leaky_relu: z.object({ slope: z.string() }).strict() }).strict(),
  ]);
  const schema = z.object({ input: z.array(int).min(1).max(3).optional(), layers: z.array(entry).min(1) }).strict();
  return { conv, pool, norm, schema };
}

type Schemas = ReturnType<typeof buildSchemas>;
let built: Schemas | undefined;

/**
 * The schemas, built on first use with zod loaded then: zod takes longer to load than a small `flow` takes
 * to run, and only a JSON architecture file needs it.
 */
function schemas(): Schemas {
  built ??= buildSchemas((createRequire(import.meta.url)("zod") as { z: typeof Zod }).z);
  return built;
}

/** One value per spatial dimension: a single integer stands for every dimension (PyTorch's `kernel_size=3`). */
function perDim(v: number | readonly number[] | undefined, dims: 1 | 2, fallback: readonly number[]): number[] {
  if (v === undefined) return [...fallback];
  return typeof v === "number" ? new Array<number>(dims).fill(v) : [...v];
}

/**
 * The modules of a JSON architecture file,
 * `{"input": [C, H, W], "layers": [{"conv2d": {"out": 8, "kernel": 3, "stride": 1, "padding": 1}}, {"relu": {}}, …]}`.
 * @internal
 */
export function jsonArchitecture(text: string, what: string): ArchitectureListing {
  const parsed = schemas().schema.safeParse(readJson(text, what));
  if (!parsed.success)
    throw new InputError({
      field: "architecture",
      expected:
        "a JSON object { input?, layers: [{ conv1d | conv2d | linear | relu | leaky_relu | abs | maxpool1d | maxpool2d | avgpool1d | avgpool2d | flatten | batchnorm1d | batchnorm2d: … }] }",
      value: what,
      note: `In ${zodIssue(parsed.error).replace(/\.?$/, ".")}`,
    });
  const modules = parsed.data.layers.map((e): ArchitectureModule => {
    const [name, o] = Object.entries(e)[0] as [string, Record<string, unknown>];
    const dims = name.endsWith("1d") ? 1 : 2;
    if (name === "conv1d" || name === "conv2d") {
      const c = o as Zod.infer<Schemas["conv"]>;
      const kernel = perDim(c.kernel, dims, []);
      return {
        type: "conv",
        dims,
        out: c.out,
        kernel,
        stride: perDim(c.stride, dims, new Array<number>(dims).fill(1)),
        padding: perDim(c.padding, dims, new Array<number>(dims).fill(0)),
        groups: c.groups ?? 1,
        bias: c.bias,
      };
    }
    if (name === "linear") {
      const l = o as { out: number; bias?: boolean };
      return { type: "linear", out: l.out, bias: l.bias };
    }
    if (name.includes("pool")) {
      const p = o as Zod.infer<Schemas["pool"]>;
      const kernel = perDim(p.kernel, dims, []);
      return { type: "pool", kind: name.startsWith("max") ? "max" : "avg", dims, kernel, stride: perDim(p.stride, dims, kernel) };
    }
    if (name === "flatten") return { type: "flatten" };
    if (name === "batchnorm1d" || name === "batchnorm2d") {
      const n = o as Zod.infer<Schemas["norm"]>;
      if (n.affine === false) throw affineRefusal(`layers in \`${what}\``, `${name} affine false`);
      return { type: "norm", dims, eps: n.eps ?? DEFAULT_EPS };
    }
    if (name === "leaky_relu")
      return { type: "activation", activation: parseActivation(`leaky_relu:${String(o.slope)}`, `layers in \`${what}\``) };
    return { type: "activation", activation: parseActivation(name, `layers in \`${what}\``) };
  });
  return { modules, input: parsed.data.input };
}

/** relutopo's laws are those of an affine batch normalisation: (γ, β) are the incoming weights of its channel. */
function affineRefusal(field: string, value: string): InputError {
  return new InputError({ field, expected: "a batch normalisation with affine=True (its γ, β carry the channel's law)", value });
}

/** `key=value` arguments of a module's repr, and its positional ones, with tuples `(3, 3)` kept whole. */
function reprArguments(args: string): { positional: string[]; named: Map<string, string> } {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of args) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim() !== "") parts.push(current.trim());
  const positional: string[] = [];
  const named = new Map<string, string>();
  for (const p of parts) {
    const eq = p.indexOf("=");
    if (eq < 0) positional.push(p);
    else named.set(p.slice(0, eq).trim(), p.slice(eq + 1).trim());
  }
  return { positional, named };
}

/**
 * A convolution's padding as its repr prints it: integers, or PyTorch's `padding=valid` (none) and `padding=same`
 * (stride 1; (k − 1)/2 on each side of an odd kernel; an even kernel pads one side more, which relutopo's
 * symmetric padding cannot hold, so it is refused).
 */
function convPadding(
  text: string | undefined,
  kernel: readonly number[],
  dims: 1 | 2,
  integers: (text: string | undefined) => number[],
  refuse: (expected: string, value: string) => InputError,
): number[] {
  const word = text?.replace(/^['"]|['"]$/g, "");
  if (word === "valid") return new Array<number>(dims).fill(0);
  if (word !== "same") return integers(text);
  if (kernel.some((k) => k % 2 === 0)) throw refuse("padding=same with an odd kernel (an even one pads one side more)", `padding=${text}`);
  return kernel.map((k) => (k - 1) / 2);
}

/** The module repr `Conv2d(1, 4, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))` as a module. */
function reprModule(name: string, args: string, where: string): ArchitectureModule {
  const { positional, named } = reprArguments(args);
  const refuse = (expected: string, value: string): InputError => new InputError({ field: where, expected, value });
  const integer = (text: string | undefined, what: string): number => {
    if (text === undefined || !/^\d+$/.test(text)) throw refuse(`${what} a non-negative integer`, `${name}(${args})`);
    return Number(text);
  };
  const tuple = (text: string | undefined, dims: 1 | 2, what: string, fallback: number[]): number[] => {
    if (text === undefined) return fallback;
    const inner = text.replace(/^\(/, "").replace(/,?\s*\)$/, "");
    const xs = inner.split(",").map((s) => integer(s.trim(), what));
    return xs.length === 1 ? new Array<number>(dims).fill(xs[0] ?? 0) : xs;
  };
  // a setting relutopo does not model must have PyTorch's neutral value, in every dimension (`0` or `(0, 0)`)
  const expectNamed = (key: string, neutral: string, why: string): void => {
    const v = named.get(key);
    if (v === undefined) return;
    const entries = v
      .replace(/^\(|\)$/g, "")
      .split(",")
      .map((x) => x.trim())
      .filter((x) => x !== "");
    if (entries.length === 0 || entries.some((x) => x !== neutral)) throw refuse(why, `${key}=${v}`);
  };
  const dims: 1 | 2 = name.endsWith("1d") ? 1 : 2;
  switch (name) {
    case "Conv1d":
    case "Conv2d": {
      expectNamed("dilation", "1", "a convolution without dilation");
      expectNamed("padding_mode", "'zeros'", "a convolution with zero padding");
      const inC = integer(positional[0] ?? named.get("in_channels"), "in_channels");
      const out = integer(positional[1] ?? named.get("out_channels"), "out_channels");
      const kernel = tuple(positional[2] ?? named.get("kernel_size"), dims, "kernel_size", []);
      return {
        type: "conv",
        dims,
        in: inC,
        out,
        kernel,
        stride: tuple(named.get("stride"), dims, "stride", new Array<number>(dims).fill(1)),
        padding: convPadding(
          named.get("padding"),
          kernel,
          dims,
          (text) => tuple(text, dims, "padding", new Array<number>(dims).fill(0)),
          refuse,
        ),
        groups: named.has("groups") ? integer(named.get("groups"), "groups") : 1,
        bias: named.get("bias") !== "False",
      };
    }
    case "Linear":
      return {
        type: "linear",
        in: integer(named.get("in_features") ?? positional[0], "in_features"),
        out: integer(named.get("out_features") ?? positional[1], "out_features"),
        bias: named.get("bias") !== "False",
      };
    case "MaxPool1d":
    case "MaxPool2d":
    case "AvgPool1d":
    case "AvgPool2d": {
      expectNamed("padding", "0", "a pooling without padding");
      expectNamed("dilation", "1", "a pooling without dilation");
      expectNamed("ceil_mode", "False", "a pooling with ceil_mode=False");
      const kernel = tuple(named.get("kernel_size") ?? positional[0], dims, "kernel_size", []);
      return {
        type: "pool",
        kind: name.startsWith("Max") ? "max" : "avg",
        dims,
        kernel,
        stride: tuple(named.get("stride"), dims, "stride", kernel),
      };
    }
    case "BatchNorm1d":
    case "BatchNorm2d": {
      // momentum and the running statistics only matter in eval mode; the laws are those of training mode
      if (named.get("affine") === "False") throw affineRefusal(where, "affine=False");
      const eps = named.get("eps") ?? DEFAULT_EPS;
      if (!DECIMAL.test(eps)) throw refuse("eps a non-negative number", `eps=${eps}`);
      return { type: "norm", dims, channels: integer(positional[0] ?? named.get("num_features"), "num_features"), eps };
    }
    case "Flatten":
      expectNamed("start_dim", "1", "a flatten of every dimension but the batch's");
      expectNamed("end_dim", "-1", "a flatten of every dimension but the batch's");
      return { type: "flatten" };
    case "LeakyReLU": {
      const slope = named.get("negative_slope") ?? positional[0];
      return { type: "activation", activation: parseActivation(slope === undefined ? "leaky_relu" : `leaky_relu:${slope}`, where) };
    }
    default:
      return { type: "activation", activation: parseActivation(name, where) };
  }
}

/**
 * The modules of the printed repr of an `nn.Sequential` (`print(model)`): one `(i): Module(…)` per line,
 * the modules of a nested `(name): Sequential(` in their place;
 * a line `input: [C, H, W]` (or `# input: …`) gives the input shape, which the repr does not print.
 * @internal
 */
export function reprArchitecture(text: string, what: string): ArchitectureListing {
  const modules: ArchitectureModule[] = [];
  let input: number[] | undefined;
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    // a Sequential nested in one (`(features): Sequential(`) runs its modules in place, in order
    if (line === "" || line === ")" || /^(?:\([^)]*\)\s*:\s*)?Sequential\($/.test(line)) continue;
    const shape = /^#?\s*input\s*:\s*\[([\d,\s]+)\]$/.exec(line);
    if (shape !== null) {
      input = (shape[1] ?? "").split(",").map((s) => Number(s.trim()));
      continue;
    }
    const m = /^(?:\([^)]*\)\s*:\s*)?([A-Za-z][A-Za-z0-9]*)\((.*)\)$/.exec(line);
    if (m === null)
      throw new InputError({
        field: `line ${i + 1} of \`${what}\``,
        expected: "a module such as `(0): Conv2d(1, 4, kernel_size=(3, 3))`",
        value: line,
      });
    modules.push(reprModule(m[1] ?? "", m[2] ?? "", `module \`${line}\` (line ${i + 1} of \`${what}\`)`));
  }
  if (modules.length === 0) throw new InputError({ field: "architecture", expected: "at least one module", value: what });
  return { modules, input };
}
