import { readBinaryFile } from "../io/readBinaryFile.js";
import { openTorchZip } from "./_internals/openTorchZip.js";
import { readSafetensors } from "./readSafetensors.js";

/**
 * The training step a checkpoint file records, or null when it records none: the
 * `__metadata__["step"]` of a safetensors file (a string of decimal digits, as
 * `save_file(..., metadata={"step": "500"})` stores it), or the integer `step` entry of a
 * PyTorch checkpoint dict (`torch.save({"model": model.state_dict(), "step": 500}, path)`).
 * A bare state_dict, a JSON network, or a `step` that is not a non-negative integer records none.
 *
 * @param path - a `.safetensors`, `.pt`/`.pth` or JSON network file
 * @returns the step, or null
 * @throws PathError when the file cannot be read; InputError when a safetensors or `.pt` file is malformed
 * @example checkpointStep("examples/run/step_0010.safetensors") // returns 10
 */
export function checkpointStep(path: string): number | null {
  const lower = path.toLowerCase();
  if (lower.endsWith(".safetensors")) {
    const s = readSafetensors(readBinaryFile(path), path).metadata.step;
    return s !== undefined && /^\s*\d+\s*$/.test(s) && Number.isSafeInteger(Number(s)) ? Number(s) : null;
  }
  if (lower.endsWith(".pt") || lower.endsWith(".pth")) {
    const s = openTorchZip(readBinaryFile(path), path).root.entries.get("step");
    return typeof s === "number" && Number.isSafeInteger(s) && s >= 0 ? s : null;
  }
  return null;
}
