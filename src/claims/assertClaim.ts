import { checkClaim, type CheckClaimOptions } from "./checkClaim.js";
import type { Claim } from "./claim.js";

/**
 * The throwing twin of {@link checkClaim}, for tests and proofs: resolves when the claim
 * passes, rejects with the shrunk counterexample (as JSON), the seed and the replay path
 * otherwise (the verdict is the error's `cause`). A predicate that threw rejects as
 * "could not be checked", with the throwing case and its replay when there is one.
 *
 * @param claim - the claim
 * @param options - as {@link checkClaim}
 * @returns nothing, once the claim passed
 * @throws Error when the claim is refuted or could not be checked (its predicate threw, nothing ran)
 * @example await assertClaim(rescalingIdentity, { runs: 20 }) // returns undefined
 */
export async function assertClaim<Ts extends unknown[]>(claim: Claim<Ts>, options: CheckClaimOptions = {}): Promise<void> {
  const v = await checkClaim(claim, options);
  if (v.verdict === "pass") return;
  const replay =
    v.path === undefined ? "" : `\ncounterexample: ${JSON.stringify(v.witness)}\nreplay with { seed: ${v.seed}, path: "${v.path}" }`;
  if (v.verdict === "error")
    throw new Error(`claim \`${v.name}\` could not be checked (seed ${v.seed}): ${v.reason}${replay}`, { cause: v });
  throw new Error(`claim \`${v.name}\` refuted after ${v.runs} case(s) and ${v.shrinks} shrink(s): ${v.reason}${replay}`, { cause: v });
}
