import type { Scalar } from "../../scalar/scalar.js";
import type { PoolGeometry } from "./tensorShapes.js";

/** A pooled tensor of one data point and, for max pooling, which entry of each window it took. */
export interface Pooled<T> {
  readonly out: T[];
  /** Max pooling: the flat input index each output came from; average pooling: none. */
  readonly switches: Int32Array | undefined;
}

/**
 * Max or average pooling of one data point, channel by channel, windows without padding.
 * Max takes the first largest entry in row-major window order (as PyTorch's CPU `max_pool1d`/`max_pool2d`,
 * whose gradient goes to that one entry); average divides the window's sum by its size.
 * Both commute with a positive rescaling of a channel, which is what the per-channel law needs.
 *
 * @param h - the activation, flat channel-major
 * @internal
 */
export function pool<T>(S: Scalar<T>, g: PoolGeometry, h: readonly T[]): Pooled<T> {
  const { channels, inPositions, outPositions, span, window } = g;
  const out = new Array<T>(channels * outPositions);
  const switches = g.kind === "max" ? new Int32Array(channels * outPositions) : undefined;
  const size = S.fromInt(span);
  for (let c = 0; c < channels; c++)
    for (let o = 0; o < outPositions; o++) {
      const first = c * inPositions + window[o * span]!;
      if (switches !== undefined) {
        let best = first;
        for (let t = 1; t < span; t++) {
          const q = c * inPositions + window[o * span + t]!;
          // strictly larger: on a tie the earlier entry stays
          if (S.cmp(h[q]!, h[best]!) > 0) best = q;
        }
        switches[c * outPositions + o] = best;
        out[c * outPositions + o] = h[best]!;
      } else {
        let s: T = h[first] as T;
        for (let t = 1; t < span; t++) s = S.add(s, h[c * inPositions + window[o * span + t]!]!);
        out[c * outPositions + o] = S.div(s, size);
      }
    }
  return { out, switches };
}

/**
 * The adjoint of {@link pool} at one data point: spreads ∂L/∂out back onto the activation, to the
 * chosen entry of each max window, or evenly (δ/size each) over an average window; overlapping windows add.
 *
 * @internal
 */
export function poolAdjoint<T>(S: Scalar<T>, g: PoolGeometry, delta: readonly T[], switches: Int32Array | undefined): T[] {
  const { channels, inPositions, outPositions, span, window } = g;
  const back = new Array<T>(channels * inPositions).fill(S.zero);
  const size = S.fromInt(span);
  for (let c = 0; c < channels; c++)
    for (let o = 0; o < outPositions; o++) {
      const d = delta[c * outPositions + o]!;
      if (S.sign(d) === 0) continue;
      if (switches !== undefined) {
        const q = switches[c * outPositions + o]!;
        back[q] = S.add(back[q]!, d);
      } else {
        const part = S.div(d, size);
        for (let t = 0; t < span; t++) {
          const q = c * inPositions + window[o * span + t]!;
          back[q] = S.add(back[q]!, part);
        }
      }
    }
  return back;
}
