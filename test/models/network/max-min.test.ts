import { describe, expect, it } from "vitest";
import { maxMinFairShare } from "../../../src/models/network/max-min.ts";

describe("maxMinFairShare", () => {
  it("maxMinFairShare(capacities, flows) splits one link equally", () => {
    expect(maxMinFairShare([12], [{ links: [0] }, { links: [0] }, { links: [0] }])).toEqual([4, 4, 4]);
  });

  it("maxMinFairShare(capacities, flows) gives the leftover of a bottleneck to the others", () => {
    // link 0: 10, link 1: 4. A crosses both, B only link 0, C only link 1.
    // Link 1 is the bottleneck (4/2 = 2 < 10/2 = 5): A = C = 2; B takes 10 − 2 = 8.
    expect(maxMinFairShare([10, 4], [{ links: [0, 1] }, { links: [0] }, { links: [1] }])).toEqual([2, 8, 2]);
  });

  it("maxMinFairShare(capacities, flows) solves the textbook three-link example by hand", () => {
    // Links L0 = 1 Gbit/s-ish units: capacities 9, 6, 12.
    // F0: L0,L1   F1: L1   F2: L0,L2   F3: L2   F4: L0
    // Round 1: L0 share 9/3 = 3, L1 share 6/2 = 3, L2 share 12/2 = 6 → level 3 freezes F0, F1 (L1)
    //          and F2, F4 (L0). Round 2: L2 has 12 − 3 = 9 left for F3 alone → F3 = 9.
    const rates = maxMinFairShare(
      [9, 6, 12],
      [{ links: [0, 1] }, { links: [1] }, { links: [0, 2] }, { links: [2] }, { links: [0] }],
    );
    expect(rates).toEqual([3, 3, 3, 9, 3]);
  });

  it("maxMinFairShare(capacities, flows) honours per-flow caps", () => {
    // Link 100 shared by 3 flows, one capped at 10 (a per-connection limit): 10, 45, 45.
    expect(maxMinFairShare([100], [{ links: [0], cap: 10 }, { links: [0] }, { links: [0] }])).toEqual([10, 45, 45]);
  });

  it("maxMinFairShare(capacities, flows) gives Infinity to a flow with no links and no cap", () => {
    expect(maxMinFairShare([], [{ links: [] }, { links: [], cap: 5 }])).toEqual([Infinity, 5]);
  });
});
