/**
 * The key of the Monte Carlo stream of one shape: `monte-carlo/seed=S/d_in=D/l=L/e=E`.
 *
 * @param seed - the user's seed
 * @param dIn - fan-in d_in
 * @param width - width l
 * @param e - output dimension e
 * @returns the text key given to `seededRandom`
 * @example monteCarloKey(1, 3, 4, 1) // returns "monte-carlo/seed=1/d_in=3/l=4/e=1"
 */
export function monteCarloKey(seed: number, dIn: number, width: number, e: number): string {
  return `monte-carlo/seed=${seed}/d_in=${dIn}/l=${width}/e=${e}`;
}
