/**
 * True under `npm run test:long` (vitest.long.config.ts sets RELUTOPO_TEST_LONG): the tests
 * tagged `long` run their property campaigns at full size.
 */
export const LONG = process.env.RELUTOPO_TEST_LONG === "1";

/**
 * The number of cases of a long property campaign: `full` under `npm run test:long`, `quick`
 * under `npm test`. The same property runs in both, only on fewer cases in `npm test`, so
 * nothing it checks is dropped. A test that uses this is tagged `long`, so that
 * `npm run test:long` finds it.
 *
 * @param full - the campaign's size in `npm run test:long`
 * @param quick - its size in `npm test`, at least 1 and at most `full`
 */
export function runs(full: number, quick: number): number {
  if (!(Number.isInteger(quick) && quick >= 1 && quick <= full)) throw new Error(`runs: quick ${quick} must be an integer in [1, ${full}]`);
  return LONG ? full : quick;
}
