import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeyIndex } from "../../../../src/policies/cache/structures/key-index.ts";

describe("key-index", () => {
  it("keyIndex.set()/get()/delete() map numeric keys to slots", () => {
    const index = new KeyIndex(4);
    index.set(2 ** 52 + 1, 7);
    index.set(0, 1);
    expect([index.get(2 ** 52 + 1), index.get(0), index.get(5), index.size]).toEqual([7, 1, -1, 2]);
    expect([index.delete(0), index.delete(0), index.get(0), index.size]).toEqual([true, false, -1, 1]);
  });

  it("keyIndex behaves like a Map under random set/delete churn", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 200 })), { maxLength: 400 }), (ops) => {
        const index = new KeyIndex(2);
        const map = new Map<number, number>();
        ops.forEach(([add, key], i) => {
          if (add) {
            index.set(key * 4096, i);
            map.set(key * 4096, i);
          } else expect(index.delete(key * 4096)).toBe(map.delete(key * 4096));
        });
        for (let key = 0; key <= 200; key++) expect(index.get(key * 4096)).toBe(map.get(key * 4096) ?? -1);
        expect(index.size).toBe(map.size);
      }),
      { seed: 3, numRuns: 200 },
    );
  });
});
