import { describe, expect, it } from "vitest";
import { ExtentScheme, requiredContext, schemeDefinition } from "../../../src/policies/relocation/support.ts";
import type { BlockRange, RelocationContext } from "../../../src/policies/relocation/types.ts";
import { InputError, isInputError } from "../../../src/util/errors.ts";
import { blocksOf } from "./blocks.ts";

const ALLOCATED = { allocated: { description: "the allocation map", required: true } };
const definition = schemeDefinition("test-runs", "Two runs of blocks, the second first.", ALLOCATED);

/** A scheme whose order is two runs: blocks 10..19 then 0..6. */
class TwoRuns extends ExtentScheme {
  protected ranges(_context: RelocationContext): Iterable<BlockRange> {
    return [{ firstBlock: 10, blockCount: 10 }, { firstBlock: 0, blockCount: 7 }];
  }
}

describe("schemeDefinition", () => {
  it("schemeDefinition() declares the one parameter every scheme has: extentBlocks, an integer >= 0, default 0 (unlimited), and the inputs given", () => {
    expect(definition).toEqual({
      name: "test-runs",
      description: "Two runs of blocks, the second first.",
      inputs: ALLOCATED,
      parameters: { extentBlocks: { type: "integer", description: expect.stringContaining("0 = unlimited") as unknown as string, default: 0, minimum: 0 } },
    });
    expect(schemeDefinition("plain", "No inputs.")).not.toHaveProperty("inputs");
  });
});

describe("ExtentScheme", () => {
  it("order() cuts the subclass's ranges into extents of at most extentBlocks, keeping the order: 10 + 7 blocks by 4 is 4, 4, 2, 4, 3", () => {
    const ranges = [...new TwoRuns({ extentBlocks: 4 }, definition).order({ blockCount: 20 })];
    expect(ranges).toEqual([
      { firstBlock: 10, blockCount: 4 },
      { firstBlock: 14, blockCount: 4 },
      { firstBlock: 18, blockCount: 2 },
      { firstBlock: 0, blockCount: 4 },
      { firstBlock: 4, blockCount: 3 },
    ]);
    expect(blocksOf(ranges)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 0, 1, 2, 3, 4, 5, 6]);
  });

  it("extentBlocks 0 (the default) yields each run whole; a scheme from ExtentScheme never copies on read", () => {
    const scheme = new TwoRuns({}, definition);
    expect([scheme.extentBlocks, scheme.copyOnRead]).toEqual([0, false]);
    expect([...scheme.order({ blockCount: 20 })]).toEqual([{ firstBlock: 10, blockCount: 10 }, { firstBlock: 0, blockCount: 7 }]);
  });

  it("a negative or fractional extentBlocks is an InputError naming the scheme and parameter", () => {
    for (const extentBlocks of [-1, 2.5]) {
      let error: unknown;
      try {
        new TwoRuns({ extentBlocks }, definition);
      } catch (thrown) {
        error = thrown;
      }
      expect([isInputError(error), (error as Error).message]).toEqual([true, `relocation: test-runs.extentBlocks: an integer >= 0, got ${extentBlocks}`]);
    }
  });
});

describe("requiredContext", () => {
  it("requiredContext() passes a value through (0 and [] included) and throws an InputError naming the scheme and what is missing", () => {
    expect(requiredContext(0, "s", "x")).toBe(0);
    expect(requiredContext([], "s", "x")).toEqual([]);
    expect(() => requiredContext(undefined, "allocated-extents", "the allocation map (context.allocated)")).toThrow(
      new InputError("relocation", "allocated-extents", "the allocation map (context.allocated)"),
    );
    expect(() => requiredContext(undefined, "hot-first", "a profile")).toThrow("relocation: hot-first: a profile");
  });
});
