import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fileAccessChunks } from "../../../../src/policies/cache/cachesim/access-chunks.ts";
import { fractionOfWorkingSet, workingSet } from "../../../../src/policies/cache/cachesim/working-set.ts";

const trace = (name: string) => fileURLToPath(new URL(`../../../../traces/${name}`, import.meta.url));

describe("working set", () => {
  it("workingSet() of cloudPhysicsIO is its 48,974 distinct start LBNs (traces/README.md), the same from both copies", () => {
    const oracle = workingSet(fileAccessChunks(trace("cloudPhysicsIO.oracleGeneral.bin"), "oracleGeneral", "libcachesim"));
    const vscsi = workingSet(fileAccessChunks(trace("cloudPhysicsIO.vscsi"), "vscsi", "libcachesim"));
    expect(oracle.objects).toBe(48974);
    expect(vscsi).toEqual(oracle);
  });

  it("workingSet() in block mode counts distinct blocks, each blockBytes", () => {
    const chunk = { keys: Float64Array.of(3, 1, 3, 2, 1), bytes: new Float64Array(5).fill(4096), next: new Float64Array(5), length: 5, futureKnown: false };
    expect(workingSet([chunk, { ...chunk, keys: Float64Array.of(9, 9, 9, 9, 9) }])).toEqual({ objects: 4, bytes: 4 * 4096 });
  });

  it("fractionOfWorkingSet() rounds down like libCacheSim and refuses a share below one unit", () => {
    const set = { objects: 48974, bytes: 2_029_769_728 };
    expect([fractionOfWorkingSet(0.01, set, "objects"), fractionOfWorkingSet(0.1, set, "objects"), fractionOfWorkingSet(0.5, set, "bytes"), fractionOfWorkingSet(1e-5, set, "objects")]).toEqual([489, 4897, 1_014_884_864, undefined]);
  });
});
