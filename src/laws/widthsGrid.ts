/**
 * Every architecture of a grid: one width list per layer, all combinations in order.
 *
 * @param perLayer - the widths to try, layer by layer
 * @returns every combination, the last layer varying fastest
 * @example widthsGrid([[1, 2], [3]]) // returns [[1, 3], [2, 3]]
 */
export function widthsGrid(perLayer: readonly (readonly number[])[]): number[][] {
  return perLayer.reduce<number[][]>((acc, options) => acc.flatMap((prefix) => options.map((w) => [...prefix, w])), [[]]);
}
