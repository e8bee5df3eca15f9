import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Layer } from "../../src/net/layeredNetwork.js";
import { readerBlock } from "../../src/net/readerBlock.js";

const matrix = (rows: number, columns: number): string[][] => Array.from({ length: rows }, () => new Array<string>(columns).fill("0"));

// The input channel an entry (r, c) of a convolution's W reads, from PyTorch's definition of groups:
// output channel r belongs to group ⌊r / (out / g)⌋, which reads input channels from group · (C / g) on.
function convReads(rows: number, groups: number, channels: number, kernel: number, r: number, c: number): number {
  const group = Math.floor(r / (rows / groups));
  return group * (channels / groups) + Math.floor(c / kernel);
}

describe("readerBlock", () => {
  it("should give exactly the entries of a grouped convolution that read channel j", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 5 }),
        (g, inPer, outPer, kernel) => {
          const channels = g * inPer;
          const rows = g * outPer;
          const lower: Layer<string> = { W: matrix(channels, 1), conv: { kernel: [1], groups: 1 } };
          const upper: Layer<string> = { W: matrix(rows, inPer * kernel), conv: { kernel: [kernel], groups: g } };
          for (let j = 0; j < channels; j++) {
            const {
              rows: [r0, r1],
              columns: [c0, c1],
            } = readerBlock(lower, upper, j);
            for (let r = 0; r < rows; r++)
              for (let c = 0; c < inPer * kernel; c++) {
                const inside = r >= r0 && r < r1 && c >= c0 && c < c1;
                expect(inside).toBe(convReads(rows, g, channels, kernel, r, c) === j);
              }
          }
        },
      ),
    );
  });

  it("should give channel j's flattened block of a linear layer after a convolution, and column j after a linear layer", () => {
    const conv: Layer<string> = { W: matrix(3, 4), conv: { kernel: [2, 2], groups: 1 } };
    expect(readerBlock(conv, { W: matrix(5, 3 * 16) }, 2)).toEqual({ rows: [0, 5], columns: [32, 48] });
    expect(readerBlock({ W: matrix(3, 4) }, { W: matrix(5, 3) }, 2)).toEqual({ rows: [0, 5], columns: [2, 3] });
  });

  it("should refuse shapes that do not chain", () => {
    expect(() => readerBlock({ W: matrix(3, 4) }, { W: matrix(5, 4) }, 0)).toThrow(/3 columns/);
    expect(() => readerBlock({ W: matrix(3, 4), conv: { kernel: [2], groups: 1 } }, { W: matrix(5, 7) }, 0)).toThrow(/multiple of 3/);
    expect(() =>
      readerBlock({ W: matrix(3, 4), conv: { kernel: [2], groups: 1 } }, { W: matrix(4, 2), conv: { kernel: [2], groups: 2 } }, 0),
    ).toThrow(/divisible/);
  });
});
