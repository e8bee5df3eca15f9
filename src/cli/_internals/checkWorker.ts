import { parentPort, workerData } from "node:worker_threads";
import type { ClaimVerdict } from "../../claims/checkClaim.js";
import { type CheckRunOptions, loadClaimSource } from "./loadClaimSource.js";
import { errorToData } from "./transferError.js";

/**
 * The worker thread of `relutopo check` (started by checkSession): loads the claims, posts
 * their names, then checks the ones the main thread asks for, posting each claim as it
 * starts and each verdict. Running here, a case that never returns cannot hang the
 * command: the main thread terminates this thread at the cap.
 */

/** What the main thread asks: the claims to check and how. */
export interface CheckRequest {
  names: string[];
  options: CheckRunOptions;
}

/** What this thread posts. */
export type CheckMessage =
  | { type: "loaded"; names: string[] }
  | { type: "start"; name: string }
  | { type: "verdict"; verdict: ClaimVerdict }
  | { type: "done" }
  | { type: "error"; error: ReturnType<typeof errorToData> };

/**
 * A verdict as it crosses threads: the raw counterexample (any values, maybe functions or
 * class instances) stays behind; the JSON witness, all that is printed or saved, goes as
 * JSON, so that what the main thread prints is byte for byte what it would print itself.
 */
function portable(v: ClaimVerdict): ClaimVerdict {
  if (v.verdict === "pass") return v;
  const { counterexample: _, ...rest } = v;
  const witness = rest.witness === undefined ? undefined : (JSON.parse(JSON.stringify(rest.witness)) as Record<string, unknown>);
  return { ...rest, ...(witness === undefined ? {} : { witness }) } as ClaimVerdict;
}

const port = parentPort;
if (port !== null) {
  const post = (m: CheckMessage): void => port.postMessage(m);
  try {
    const source = await loadClaimSource((workerData as { file: string | undefined }).file);
    port.once("message", (request: CheckRequest) => {
      source
        .check(
          request.names,
          request.options,
          (name) => post({ type: "start", name }),
          (verdict) => post({ type: "verdict", verdict: portable(verdict) }),
        )
        .then(
          () => post({ type: "done" }),
          (err: unknown) => post({ type: "error", error: errorToData(err) }),
        );
    });
    post({ type: "loaded", names: source.names });
  } catch (err) {
    post({ type: "error", error: errorToData(err) });
  }
}
