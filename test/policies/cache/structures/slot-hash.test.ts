import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SlotHash } from "../../../../src/policies/cache/structures/slot-hash.ts";

describe("slot-hash", () => {
  it("slotHash.link()/find()/unlink() map keys held by slots to those slots", () => {
    const keys = Float64Array.of(2 ** 52 + 1, 0, -3.5);
    const hash = new SlotHash(3);
    keys.forEach((key, slot) => hash.link(slot, key));
    expect([hash.find(keys, 2 ** 52 + 1), hash.find(keys, 0), hash.find(keys, -3.5), hash.find(keys, 5)]).toEqual([0, 1, 2, -1]);
    hash.unlink(1, 0);
    expect([hash.find(keys, 0), hash.find(keys, -3.5)]).toEqual([-1, 2]);
  });

  it("slotHash behaves like a Map under random link/unlink churn and resizing", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 500 }), (ops) => {
        // Keys 0..300 (scaled like block numbers); a key's slot is the key itself, so slots grow with the keys seen.
        let keys = new Float64Array(4);
        const hash = new SlotHash(keys.length);
        const resident = new Set<number>();
        for (const key of ops) {
          if (key >= keys.length) {
            const grown = new Float64Array(Math.max(keys.length * 2, key + 1));
            grown.set(keys);
            keys = grown;
            hash.resize(keys.length, keys);
          }
          if (resident.has(key)) {
            hash.unlink(key, key * 4096);
            resident.delete(key);
          } else {
            keys[key] = key * 4096;
            hash.link(key, key * 4096);
            resident.add(key);
          }
        }
        for (let key = 0; key <= 300; key++) expect(hash.find(keys, key * 4096)).toBe(resident.has(key) ? key : -1);
      }),
    );
  });
});
