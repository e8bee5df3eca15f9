import { InputError } from "../errors.js";
import { parseRational } from "../scalar/parseRational.js";
import { type Activation, ACTIVATION_NAMES } from "./activation.js";

/** Activations PyTorch users save that are not positively homogeneous: recognised by name, refused with the reason. */
const NOT_HOMOGENEOUS = new Set(["tanh", "sigmoid", "gelu", "silu", "swish", "elu", "selu", "celu", "softplus", "mish", "hardtanh"]);

/** PyTorch's default negative slope of `nn.LeakyReLU()`. */
const PYTORCH_LEAKY_SLOPE = "1/100";

/**
 * Parses `relu`, `leaky_relu:<slope>` (a rational slope such as 1/100; `leaky_relu` alone is
 * PyTorch's default slope 1/100), `abs` or `linear` (also `identity`), in any letter case as
 * PyTorch's class names write them (`ReLU`, `LeakyReLU`). Non-homogeneous activations (tanh,
 * sigmoid, gelu, silu, elu, softplus, …) are recognised and refused with the reason.
 *
 * @param text - the activation's name
 * @param field - where the name was read, for messages (`activation in \`net.json\``); the option `activation` by default
 * @throws InputError for a non-homogeneous activation (no c is conserved), any other name or a malformed slope
 * @example parseActivation("leaky_relu:1/10") // returns { kind: "leaky_relu", slope: "1/10" }
 */
export function parseActivation(text: string, field = "activation"): Activation {
  const name = text
    .trim()
    .toLowerCase()
    .replace(/^leakyrelu/, "leaky_relu");
  if (name === "relu" || name === "abs" || name === "linear") return { kind: name };
  if (name === "identity") return { kind: "linear" };
  if (name === "leaky_relu") return { kind: "leaky_relu", slope: PYTORCH_LEAKY_SLOPE };
  const m = /^leaky_relu:(.+)$/.exec(name);
  if (m !== null) {
    const slope = (m[1] ?? "").trim();
    parseRational(slope);
    return { kind: "leaky_relu", slope };
  }
  if (NOT_HOMOGENEOUS.has(name))
    throw new InputError({
      field,
      expected: `positively homogeneous (σ(λz) = λσ(z) for λ > 0): ${ACTIVATION_NAMES}`,
      value: text,
      note: `Under ${name} no c is conserved by gradient flow, so relutopo gives no conservation or topology verdict for it.`,
    });
  throw new InputError({ field, expected: ACTIVATION_NAMES, value: text });
}
