import { describe, expect, it } from "vitest";
import { grown } from "../../src/kernel/typed-arrays.ts";

describe("grown", () => {
  it("grown(array, capacity) copies into a larger array of the same type", () => {
    const bigger = grown(Float64Array.of(1.5, 2.5), 4);
    expect(bigger).toBeInstanceOf(Float64Array);
    expect(Array.from(bigger)).toEqual([1.5, 2.5, 0, 0]);
    expect(Array.from(grown(Int32Array.of(7), 3))).toEqual([7, 0, 0]);
  });
});
