import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/lab/load.ts";
import { checkResources, DEFAULT_LIMITS, estimateResources, resourceLimits } from "../../src/lab/resources.ts";

const MM1 = "scenarios/validation/mm1.yaml"; // 200 000 customers + 10 000 warm-up, no variants
const PRIORITY = "scenarios/validation/priority.yaml"; // the same counts, variants non-preemptive and preemptive-resume
const RESTORE = "scenarios/restore/one-vm-dedup.yaml"; // one VM, 16 GiB disk, 1 MiB blocks, 4 MiB chunks, 8 variants

/** Matches an error whose message is exactly `message`. */
const thrown = (message: string) => expect.objectContaining({ message });

describe("estimateResources", () => {
  it("mm1: 210 000 customers × 32 B = 6 720 000 B and × 2 events = 420 000 events", () => {
    const [estimate, ...rest] = estimateResources(loadScenario(MM1));
    expect(rest).toEqual([]);
    expect(estimate).toMatchObject({ variant: "base", bytes: 6_720_000, events: 420_000 });
  });

  it("one estimate per variant, each summing its parts: 16 384 blocks × 16 B + 4096 chunks × 32 B = 393 216 B", () => {
    const estimates = estimateResources(loadScenario(RESTORE));
    expect(estimates.map((e) => e.variant)).toEqual(["full-restore", "lazy", "readahead", "profile", "reloc-uncoord", "coordinated", "block-stream", "oracle"]);
    for (const estimate of estimates) {
      expect(estimate.needs.map((need) => need.bytes)).toEqual([262_144, 131_072, 0]);
      expect([estimate.bytes, estimate.events]).toEqual([393_216, 0]);
    }
  });
});

describe("checkResources", () => {
  const mm1 = loadScenario(MM1);

  it("passes at exactly the limits (6 720 000 B, 420 000 events) and refuses one event over", () => {
    expect(() => checkResources(mm1, { maxMemory: 6_720_000, maxEvents: 420_000 }, 1)).not.toThrow();
    expect(() => checkResources(mm1, { maxMemory: 6_720_000, maxEvents: 419_999 }, 1)).toThrow(thrown(
      `${MM1}: model.customers: a model within --max-events 419999 per replication: 210000 customers (measured and warm-up) need about 4.20e+5 events (raise --max-events, or change model.customers)`,
    ));
  });

  it("refuses one byte over --max-memory", () => {
    expect(() => checkResources(mm1, { maxMemory: 6_719_999, maxEvents: 1e10 }, 1)).toThrow(thrown(
      `${MM1}: model.customers: a model within --max-memory 6.4 MiB: 210000 customers (measured and warm-up) need about 6.4 MiB (raise --max-memory, or change model.customers)`,
    ));
  });

  it("multiplies memory by the replications at once: 2 × 6 720 000 B = 12.8 MiB past 10 MiB, and names --workers", () => {
    const limits = { maxMemory: 10 * 2 ** 20, maxEvents: 1e10 };
    expect(() => checkResources(mm1, limits, 1)).not.toThrow();
    expect(() => checkResources(mm1, limits, 2)).toThrow(thrown(
      `${MM1}: model.customers: a model within --max-memory 10 MiB: 210000 customers (measured and warm-up) × 2 replications at once need about 12.8 MiB (raise --max-memory, or change model.customers, or run fewer --workers)`,
    ));
  });

  it("names the variant that is past the limit", () => {
    expect(() => checkResources(loadScenario(PRIORITY), { maxMemory: 6_000_000, maxEvents: 1e10 }, 1)).toThrow(thrown(
      `${PRIORITY}: model.customers (variant non-preemptive): a model within --max-memory 5.7 MiB: 210000 customers (measured and warm-up) need about 6.4 MiB (raise --max-memory, or change model.customers)`,
    ));
  });

  it("names the largest part: blockSize 1 on a 4 GiB disk (64 GiB of block tables) past the default 4 GiB", () => {
    const loaded = loadScenario(RESTORE, { sets: ["model.vms.diskSize=4GiB", "model.vms.blockSize=1B"] });
    expect(() => checkResources(loaded, DEFAULT_LIMITS, 1)).toThrow(thrown(
      `${RESTORE}: model.vms.blockSize (variant full-restore): a model within --max-memory 4 GiB: 4294967296 blocks of 1 B on each 4 GiB disk need about 64 GiB (raise --max-memory, or change model.vms.blockSize)`,
    ));
  });
});

describe("resourceLimits", () => {
  it("defaults to 4 GiB and 10^10 events", () => {
    expect(DEFAULT_LIMITS).toEqual({ maxMemory: 4_294_967_296, maxEvents: 1e10 });
    expect(resourceLimits({})).toEqual(DEFAULT_LIMITS);
  });

  it("parses a size with units and takes a number of events", () => {
    expect(resourceLimits({ maxMemory: "8GiB", maxEvents: 1000 })).toEqual({ maxMemory: 8_589_934_592, maxEvents: 1000 });
    expect(resourceLimits({ maxMemory: "1.5KiB" })).toEqual({ maxMemory: 1536, maxEvents: 1e10 });
  });

  it("refuses a size that is not positive, and events that are not a positive whole number, naming the flag", () => {
    expect(() => resourceLimits({ maxMemory: "lots" })).toThrow(thrown('--max-memory: lots: a positive size like "8GiB"'));
    expect(() => resourceLimits({ maxMemory: "0B" })).toThrow(thrown('--max-memory: 0B: a positive size like "8GiB"'));
    expect(() => resourceLimits({ maxEvents: 0 })).toThrow(thrown("--max-events: 0: a positive whole number of events"));
    expect(() => resourceLimits({ maxEvents: 2.5 })).toThrow(thrown("--max-events: 2.5: a positive whole number of events"));
  });
});
