import { checkClaim, type CheckClaimOptions } from "./checkClaim.js";
import type { Claim } from "./claim.js";

/**
 * The throwing twin of {@link checkClaim}, for tests and proofs: resolves when the claim
 * passes, rejects with the shrunk counterexample (as JSON), the seed and the replay path
 * otherwise (the verdict is the error's `cause`).
 *
 * @throws Error when the claim is refuted or the check could not run
 */
export async function assertClaim<Ts extends unknown[]>(claim: Claim<Ts>, options: CheckClaimOptions = {}): Promise<void> {
  const v = await checkClaim(claim, options);
  if (v.verdict === "pass") return;
  if (v.verdict === "error") throw new Error(`claim \`${v.name}\` could not be checked (seed ${v.seed}): ${v.reason}`, { cause: v });
  throw new Error(
    `claim \`${v.name}\` refuted after ${v.runs} case(s) and ${v.shrinks} shrink(s): ${v.reason}\n` +
      `counterexample: ${JSON.stringify(v.witness)}\n` +
      `replay with { seed: ${v.seed}, path: "${v.path}" }`,
    { cause: v },
  );
}
