import { describe, expect, it } from "vitest";
import { Cache, cachePolicies, createCachePolicy } from "../../../src/policies/cache/index.ts";
import { isInputError } from "../../../src/util/errors.ts";

describe("cache policy registry", () => {
  it("cachePolicies names the ten policies in registry order", () => {
    expect(cachePolicies.names()).toEqual(["fifo", "lru", "clock", "sieve", "lfu", "belady", "arc", "2q", "lirs", "s3fifo"]);
  });

  it("createCachePolicy(name, options) builds a working policy: an LRU of 2 objects on a, b, a, c, b, a hits only the second a (c evicts b, b evicts a)", () => {
    const cache = new Cache(2, createCachePolicy("lru", { capacity: 2 }));
    const hits = ["a", "b", "a", "c", "b", "a"].map((key) => cache.access(key.charCodeAt(0), 1));
    expect(hits).toEqual([false, false, true, false, false, false]);
  });

  it("createCachePolicy(unknown name) throws an InputError naming the valid policies", () => {
    let error: unknown;
    try {
      createCachePolicy("lur", { capacity: 2 });
    } catch (caught) {
      error = caught;
    }
    expect(isInputError(error)).toBe(true);
    expect(String((error as Error).message)).toContain("lru");
  });
});
