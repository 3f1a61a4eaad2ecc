import { describe, expect, it } from "vitest";
import { RelocationAware } from "../../../src/policies/prefetch/relocation-aware.ts";
import { recordingSink } from "./sink.ts";

describe("relocation-aware", () => {
  it("relocationAware.onRelocationProgress() stays window blocks ahead of the cursor along the scheme order", () => {
    const { sink, take } = recordingSink();
    function* order() {
      yield { firstBlock: 100, blockCount: 3 };
      yield { firstBlock: 10, blockCount: 5 };
      yield { firstBlock: 0, blockCount: 2 };
    }
    const p = new RelocationAware({ relocationOrder: order(), window: 4 });
    p.onStart(0, sink);
    expect(take()).toEqual([
      [100, 3, "relocation"],
      [10, 1, "relocation"],
    ]);
    p.onDemandRead({ firstBlock: 10, blockCount: 1, time: 1 }, sink);
    expect(take()).toEqual([]);
    p.onRelocationProgress(2, 2, sink);
    expect(take()).toEqual([[11, 2, "relocation"]]);
    // The cursor jumps past what was fetched: the copied blocks are skipped, not fetched.
    p.onRelocationProgress(7, 3, sink);
    expect(take()).toEqual([
      [14, 1, "relocation"],
      [0, 2, "relocation"],
    ]);
    p.onRelocationProgress(10, 4, sink);
    expect(take()).toEqual([]);
  });
});
