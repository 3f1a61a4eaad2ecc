/**
 * Adding a member from outside rtolab: a throw-away policy of every family and a throw-away
 * device, registered here through the library's public API, then named in scenario files
 * (./fixtures) and run. Registration happens before any scenario is loaded, as documented.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  FixedLatencyDevice,
  loadScenario,
  registerDevice,
  registerPolicy,
  runScenario,
  scenarioJsonSchema,
  modelKinds,
  policyFamilies,
  type BlockDevice,
  type CachePolicy,
  type IoScheduler,
  type Prefetcher,
  type RelocationScheme,
} from "../../src/index.ts";
import { LruPolicy } from "../../src/policies/cache/algorithms/lru.ts";
import { FifoScheduler } from "../../src/policies/scheduling/fifo.ts";

/** What the throw-away members saw: how they were created and how often they were called. */
const seen = {
  cache: { created: [] as unknown[], finds: 0 },
  scheduler: { created: [] as unknown[], enqueued: { demand: 0, prestage: 0, relocation: 0 } },
  prefetch: { created: [] as unknown[], reads: 0 },
  scheme: { created: [] as unknown[], orders: 0 },
  balancer: { created: [] as unknown[], chose: [] as string[] },
  disk: { created: [] as unknown[], requests: 0 },
};

registerPolicy("cache", {
  definition: {
    name: "test-cache",
    description: "LRU that counts its lookups (test only)",
    parameters: { admitEvery: { type: "integer", description: "unused here", default: 1, minimum: 1 } },
  },
  create: (options) => {
    seen.cache.created.push(options);
    const inner = new LruPolicy();
    const policy: CachePolicy = {
      find: (ctx) => (seen.cache.finds++, inner.find(ctx)),
      insert: (ctx) => inner.insert(ctx),
      evict: (ctx) => inner.evict(ctx),
      remove: (key) => inner.remove(key),
      get occupied() {
        return inner.occupied;
      },
      get objectCount() {
        return inner.objectCount;
      },
    };
    return policy;
  },
});

registerPolicy("scheduling", {
  definition: { name: "test-scheduler", description: "FIFO that counts I/Os by class (test only)", parameters: { tag: { type: "integer", description: "a label", default: 0 } } },
  create: (options) => {
    seen.scheduler.created.push(options);
    const fifo = new FifoScheduler();
    const scheduler: IoScheduler = {
      enqueue: (io) => (seen.scheduler.enqueued[io.ioClass]++, fifo.enqueue(io)),
      dequeue: (now) => fifo.dequeue(now),
      remove: (id) => fifo.remove(id),
      get size() {
        return fifo.size;
      },
      sizeOf: (ioClass) => fifo.sizeOf(ioClass),
    };
    return scheduler;
  },
});

registerPolicy("prefetch", {
  definition: {
    name: "test-prefetch",
    description: "fetches the `ahead` chunks after each demand read (test only)",
    parameters: { ahead: { type: "integer", description: "chunks after each read", unit: "chunks", default: 1, minimum: 0 } },
  },
  create: (options) => {
    seen.prefetch.created.push(options);
    const ahead = options.ahead as number;
    const prefetcher: Prefetcher = {
      onDemandRead: (read, sink) => {
        seen.prefetch.reads++;
        if (ahead > 0) sink(read.firstBlock + read.blockCount, ahead, "prestage");
      },
    };
    return prefetcher;
  },
});

registerPolicy("relocation", {
  definition: { name: "test-scheme", description: "whole disk, last block first (test only)", parameters: { backwards: { type: "boolean", description: "copy from the end", default: false } } },
  create: (options) => {
    seen.scheme.created.push(options);
    const scheme: RelocationScheme = {
      copyOnRead: false,
      *order(context) {
        seen.scheme.orders++;
        for (let i = 0; i < context.blockCount; i++) yield { firstBlock: options.backwards ? context.blockCount - 1 - i : i, blockCount: 1 };
      },
    };
    return scheme;
  },
});

registerPolicy("balancing", {
  definition: { name: "test-balancer", description: "always the candidate at index `only` (test only)", parameters: { only: { type: "integer", description: "candidate index", default: 0, minimum: 0 } } },
  create: (options) => {
    seen.balancer.created.push(options);
    return {
      name: "test-balancer",
      largestFirst: false,
      choose: (_task, candidates) => {
        const id = candidates[Math.min(options.only as number, candidates.length - 1)]?.id;
        if (id !== undefined) seen.balancer.chose.push(id);
        return id;
      },
    };
  },
});

registerDevice({
  definition: {
    name: "test-disk",
    description: "a fixed-latency device that counts its requests (test only)",
    parameters: { latency: { type: "duration", description: "service time of every request", default: 1_000_000, minimum: 0 } },
  },
  create: (spec, { sim, name }) => {
    seen.disk.created.push(spec);
    const device: BlockDevice = new FixedLatencyDevice(sim, name, { latency: spec.latency as number });
    const submit = device.submit.bind(device);
    device.submit = (request, done) => (seen.disk.requests++, submit(request, done));
    return device;
  },
});

const fixtures = join(__dirname, "fixtures");

function metric(run: ReturnType<typeof runScenario>, variant: number, name: string): number {
  const found = run.variants[variant].metrics.find((m) => m.name === name);
  if (!found) throw new Error(`no metric ${name}`);
  return found.mean;
}

describe("registerPolicy / registerDevice", () => {
  it("registerPolicy(family, entry) and registerDevice(entry) members run from a restore scenario, created with their validated, defaulted parameters", () => {
    const run = runScenario(loadScenario(join(fixtures, "throwaway-restore.yaml")));
    // Every member was created with the options the file gave (cache: plus capacity), per variant.
    expect(seen.cache.created).toEqual([
      { capacity: 2 ** 30, admitEvery: 1 },
      { capacity: 2 ** 30, admitEvery: 1 },
    ]);
    expect(seen.scheduler.created).toEqual([{ tag: 7 }, { tag: 7 }]);
    expect(seen.prefetch.created.map((o) => (o as { ahead: number }).ahead)).toEqual([2, 2]);
    expect(seen.scheme.created).toEqual([{ backwards: true }, { backwards: true }]);
    expect(seen.disk.created).toEqual([
      { device: "test-disk", latency: 3e6 },
      { device: "test-disk", latency: 400e6 },
    ]);
    // And used: every demand read reached the prefetcher; relocation I/Os went through the scheduler.
    expect(seen.prefetch.reads).toBeGreaterThan(1000);
    expect(seen.cache.finds).toBeGreaterThan(seen.prefetch.reads);
    expect(seen.scheduler.enqueued.demand).toBeGreaterThan(50);
    expect(seen.scheduler.enqueued.prestage).toBeGreaterThan(50);
    expect(seen.scheduler.enqueued.relocation).toBeGreaterThan(100);
    expect(seen.scheme.orders).toBe(2);
    // Each variant's relocation copies the 4 GiB disk's 1,024 chunks, each fetched from the device once.
    expect(seen.disk.requests).toBe(2048);
    // The device's latency parameter is what the run saw: 400 ms per chunk fetch boots slower than 3 ms.
    const tts = metric(run, 0, "tts");
    const slow = metric(run, 1, "tts");
    console.log(`throw-away members: tts ${tts.toFixed(3)} s (3 ms disk), ${slow.toFixed(3)} s (400 ms disk); ${seen.disk.requests} disk requests`);
    expect(tts).toBeCloseTo(38.971, 3);
    expect(slow).toBeCloseTo(49.006, 3);
  }, 60_000);

  it("registerPolicy(balancing) member balances a fleet restore: all 8 VMs on VSA 0's 2 slots take 4 rounds of 10 s", () => {
    const run = runScenario(loadScenario(join(fixtures, "throwaway-fleet.yaml")));
    expect(seen.balancer.created).toEqual([{ only: 0, by: "bytes" }]);
    expect(new Set(seen.balancer.chose).size).toBe(1);
    expect(seen.balancer.chose.length).toBeGreaterThanOrEqual(8);
    // least-loaded spreads the VMs over both VSAs (scenarios/fleet/toy-restore.yaml: 20 s); one VSA takes twice as long.
    expect(metric(run, 0, "tts.max")).toBeCloseTo(40 / 60, 6);
  });

  it("registered members are in the scenario JSON Schema, and their options are strict like the shipped ones'", () => {
    const json = JSON.stringify(scenarioJsonSchema(modelKinds));
    for (const name of ["test-cache", "test-scheduler", "test-prefetch", "test-scheme", "test-balancer", "test-disk"]) expect(json).toContain(`"const":"${name}"`);
    expect(() => loadScenario(join(fixtures, "throwaway-restore.yaml"), { sets: ["model.prefetch.options.ahaed=3"] })).toThrow(
      'model.prefetch.options.ahaed: unknown option "ahaed" of prefetch policy test-prefetch; expected one of ahead',
    );
    expect(() => loadScenario(join(fixtures, "throwaway-restore.yaml"), { sets: ["model.prefetch.options.ahead=-1"] })).toThrow("model.prefetch.options.ahead");
  });

  it("registering after a scenario schema was generated throws (the schema would not see it)", () => {
    expect(() => registerPolicy("prefetch", { definition: { name: "late", description: "too late", parameters: {} }, create: () => ({ onDemandRead: () => {} }) })).toThrow(
      'prefetch policy "late" registered after a scenario schema was generated; register policies before loading a scenario',
    );
    expect(policyFamilies.prefetch.has("late")).toBe(false);
  });
});
