import { describe, expect, it } from "vitest";
import { buildAccessStream } from "../../../../src/policies/cache/cachesim/cachesim.ts";
import { curveSizes, missRatioCurve } from "../../../../src/policies/cache/cachesim/mrc.ts";

describe("mrc", () => {
  it("curveSizes(128, 1024, 8) steps by 128", () => {
    expect(curveSizes(128, 1024, 8)).toEqual([128, 256, 384, 512, 640, 768, 896, 1024]);
    expect(curveSizes(1, 5, 1)).toEqual([5]);
  });

  it("missRatioCurve() gives one exact point per size", () => {
    const keys = [1, 2, 3, 1, 2, 3, 1, 2, 3];
    const stream = buildAccessStream(keys.map((k) => ({ timeUs: 0, op: "R" as const, offset: k, length: 10 })), "libcachesim");
    expect(missRatioCurve(stream, "lru", [2, 3], "objects")).toEqual([
      { size: 2, missRatio: 1, byteMissRatio: 1 },
      { size: 3, missRatio: 3 / 9, byteMissRatio: 3 / 9 },
    ]);
  });
});
