import { describe, expect, it } from "vitest";
import { evaluatePrefetch } from "../../../src/policies/prefetch/evaluate.ts";
import { prefetchPolicies } from "../../../src/policies/prefetch/index.ts";
import { Obl } from "../../../src/policies/prefetch/obl.ts";
import { OraclePrefetch } from "../../../src/policies/prefetch/oracle.ts";
import { learnProfile } from "../../../src/workloads/profile/learn.ts";
import { traceBlockReads } from "../../../src/workloads/profile/blocks.ts";
import type { Prefetcher } from "../../../src/policies/prefetch/types.ts";
import { SERVICE_READY_US, bootTrace } from "../../workloads/profile/real-traces.ts";
import { blockReads } from "./sink.ts";

describe("evaluatePrefetch", () => {
  it("evaluatePrefetch(reads, obl) counts coverage, accuracy and waste on a sequential stream", () => {
    const result = evaluatePrefetch(blockReads([0, 1, 2, 3]), new Obl(), { blockSize: 4096 });
    expect(result).toEqual({
      demandBlocks: 4,
      coveredBlocks: 3,
      timelyBlocks: 3,
      issuedBlocks: 4,
      issuedByPriority: { prestage: 4, relocation: 0 },
      usedBlocks: 3,
      wastedBlocks: 1, // block 4, fetched after the last read
      evictedBlocks: 0,
      redundantBlocks: 0,
      cancelledBlocks: 0,
      unissuedBlocks: 0,
      accuracy: 0.75,
      coverage: 0.75,
      timeliness: 1,
      bytesWasted: 4096,
    });
  });

  it("evaluatePrefetch() with fetchDelay counts blocks still in flight as covered but late", () => {
    const reads = blockReads([0, 1, 2, 3]);
    const result = evaluatePrefetch(reads, new OraclePrefetch({ future: reads, lead: 1 }), { blockSize: 4096, fetchDelay: 2 });
    // Each block is issued one step before its read and arrives two steps after issue.
    expect([result.coveredBlocks, result.timelyBlocks, result.timeliness]).toEqual([4, 0, 0]);
    const early = evaluatePrefetch(reads, new OraclePrefetch({ future: reads, lead: 4 }), { blockSize: 4096, fetchDelay: 2, mountSteps: 2 });
    expect([early.coveredBlocks, early.timelyBlocks]).toEqual([4, 4]);
  });

  it("evaluatePrefetch() gives every hook its time in ns, step x stepNs (default 1 ms per step)", () => {
    const heard: string[] = [];
    const recorder: Prefetcher = {
      onStart: (time, sink) => {
        heard.push(`start@${time}`);
        sink(5, 1, "prestage");
      },
      onDemandRead: (ctx) => heard.push(`read ${ctx.firstBlock}@${ctx.time}`),
      onArrival: (block, _count, time) => heard.push(`arrival ${block}@${time}`),
      onRelocationProgress: (cursor, time) => heard.push(`progress ${cursor}@${time}`),
    };
    // One mount step, then reads at steps 1 and 2; the prefetch of block 5 arrives one step after issue.
    evaluatePrefetch(blockReads([0, 1]), recorder, { blockSize: 4096, mountSteps: 1, fetchDelay: 1, relocationBlocksPerStep: 3, stepNs: 250_000 });
    expect(heard).toEqual(["start@0", "progress 0@0", "progress 3@250000", "arrival 5@250000", "read 0@250000", "progress 6@500000", "read 1@500000"]);
    heard.length = 0;
    evaluatePrefetch(blockReads([0, 1]), recorder, { blockSize: 4096 });
    expect(heard).toEqual(["start@0", "arrival 5@0", "read 0@0", "read 1@1000000"]);
  });

  it("evaluatePrefetch() with capacityBlocks evicts the oldest pre-staged block and tells the policy", () => {
    const evicted: number[] = [];
    const prefetcher: Prefetcher = {
      onStart: (_time, sink) => sink(10, 3, "prestage"),
      onDemandRead: () => {},
      onEvict: (block) => evicted.push(block),
    };
    const result = evaluatePrefetch(blockReads([11, 12, 10]), prefetcher, { blockSize: 512, capacityBlocks: 2 });
    expect(evicted).toEqual([10]);
    expect(result).toMatchObject({ issuedBlocks: 3, usedBlocks: 2, wastedBlocks: 1, evictedBlocks: 1, coverage: 2 / 3, bytesWasted: 512 });
  });

  it("evaluatePrefetch() with blocksPerStep issues prestage before relocation and cancels what the guest reads first", () => {
    const arrivals: number[] = [];
    const prefetcher: Prefetcher = {
      onStart: (_time, sink) => {
        sink(100, 2, "relocation");
        sink(0, 3, "prestage");
      },
      onDemandRead: () => {},
      onArrival: (block) => arrivals.push(block),
    };
    const result = evaluatePrefetch(blockReads([0, 101, 2, 1]), prefetcher, { blockSize: 4096, blocksPerStep: 1 });
    // Step 0 issues 0; step 1 issues 1 (101 is read while queued: cancelled); step 2 issues 2; step 3 issues 100.
    expect(arrivals).toEqual([0, 1, 2, 100]);
    expect(result).toMatchObject({
      demandBlocks: 4,
      coveredBlocks: 3,
      issuedByPriority: { prestage: 3, relocation: 1 },
      cancelledBlocks: 1,
      wastedBlocks: 1,
      unissuedBlocks: 0,
    });
  });

  it("evaluatePrefetch() on boot1 with a profile from boot0 (golden): every policy, oracle on top", () => {
    const profile = learnProfile([bootTrace("boot0")], { blockSize: 4096, cutAtUs: SERVICE_READY_US.boot0 });
    const reads = traceBlockReads(bootTrace("boot1"), { blockSize: 4096, cutAtUs: SERVICE_READY_US.boot1 });
    const model = { blockSize: 4096, fetchDelay: 1, capacityBlocks: 8192 };
    const results = Object.fromEntries(
      prefetchPolicies
        .names()
        .filter((name) => name !== "relocation-aware")
        .map((name) => {
          const r = evaluatePrefetch(reads, prefetchPolicies.get(name).create({ profile, future: reads }), model);
          return [name, [r.demandBlocks, r.issuedBlocks, r.coveredBlocks, r.timelyBlocks, r.wastedBlocks]];
        }),
    );
    // [demand, issued, covered, timely, wasted] blocks; boot1 has 1407 reads up to service ready.
    expect(results).toEqual({
      none: [14513, 0, 0, 0, 0],
      obl: [14513, 961, 614, 614, 347],
      readahead: [14513, 1848, 1008, 1008, 840],
      profile: [14513, 13955, 13947, 13946, 8],
      markov: [14513, 0, 0, 0, 0], // online within one boot: every learned successor was already read
      oracle: [14513, 14513, 14513, 14512, 0],
    });
    expect(results.profile[2] / 14513).toBeGreaterThan(0.95);
  });
});
