import { ConvergenceError, InputError, PathError, type InputErrorData, type Remedy } from "../../errors.js";

/** An error as a worker thread posts it: its class and what rebuilds it. */
export type ErrorData =
  | { kind: "input"; message: string; data: InputErrorData }
  | { kind: "path"; path: string; action: "read" | "write"; reason: string; remedy: Remedy | undefined }
  | { kind: "convergence"; method: string; at: string; reason: string; remedy: Remedy | undefined }
  | { kind: "other"; message: string };

/**
 * An error as plain data for `postMessage`: structured clone keeps no class, and the
 * class decides the exit code.
 *
 * @internal
 */
export function errorToData(err: unknown): ErrorData {
  if (err instanceof InputError) return { kind: "input", message: err.message, data: err.data };
  if (err instanceof PathError) return { kind: "path", path: err.path, action: err.action, reason: err.reason, remedy: err.remedy };
  if (err instanceof ConvergenceError)
    return { kind: "convergence", method: err.method, at: err.at, reason: err.reason, remedy: err.remedy };
  return { kind: "other", message: err instanceof Error ? err.message : String(err) };
}

/**
 * The error {@link errorToData} described, with its class and message back.
 *
 * @internal
 */
export function errorFromData(d: ErrorData): Error {
  switch (d.kind) {
    case "input":
      return new InputError(d.data);
    case "path":
      return new PathError(d.path, d.action, d.reason, d.remedy);
    case "convergence":
      return new ConvergenceError(d.method, d.at, d.reason, d.remedy);
    default:
      return new Error(d.message);
  }
}
