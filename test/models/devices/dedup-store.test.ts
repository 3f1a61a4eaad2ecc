import { describe, expect, it } from "vitest";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { DedupStore } from "../../../src/models/devices/dedup-store.ts";
import { FixedLatencyDevice } from "../../../src/models/devices/fixed-latency.ts";
import { HDD_PRESETS, Hdd } from "../../../src/models/devices/hdd.ts";

const MiB = 2 ** 20;

function randomReads(sim: Simulation, store: DedupStore, count: number, spanBytes: number, seed: number): void {
  const rng = new RngStreams(seed).stream("test.offsets");
  for (let i = 0; i < count; i++) {
    store.submit({ offset: Math.floor(rng.double() * (spanBytes / 4096)) * 4096, length: 4096, op: "R" }, () => {});
  }
  sim.run();
}

describe("DedupStore", () => {
  it("dedupStore.readAmplification() for random 4 KiB reads is chunk / 4 KiB exactly", () => {
    const sim = new Simulation();
    const streams = new RngStreams(1);
    const store = new DedupStore(sim, "store", streams, new FixedLatencyDevice(sim, "disk", { latency: 1000 }));
    randomReads(sim, store, 1000, 64 * 2 ** 30, 2);
    // Default chunk 4 MiB: 4 194 304 / 4096 = 1024.
    expect(store.readAmplification()).toBe(1024);
    expect(store.dedup).toEqual({ bytesRequested: 1000 * 4096, chunksFetched: 1000, chunkBytesFetched: 1000 * 4 * MiB, storedBytesFetched: 1000 * 4 * MiB });
    expect(store.counters().completed).toBe(1000);
  });

  it("dedupStore.submit() of a read straddling a chunk boundary fetches both chunks", () => {
    const sim = new Simulation();
    const store = new DedupStore(sim, "store", new RngStreams(1), new FixedLatencyDevice(sim, "disk", { latency: 1000 }), { chunkSize: 64 * 1024, compressionRatio: 2 });
    store.submit({ offset: 64 * 1024 - 4096, length: 8192, op: "R" }, () => {});
    sim.run();
    // 2 chunks of 64 KiB for 8 KiB: amplification 16; stored bytes are half (ratio 2).
    expect(store.readAmplification()).toBe(16);
    expect(store.dedup.storedBytesFetched).toBe(64 * 1024);
  });

  it("dedupStore.submit() with coalesce shares an in-flight chunk fetch", () => {
    const sim = new Simulation();
    const underlying = new FixedLatencyDevice(sim, "disk", { latency: 1_000_000 });
    const store = new DedupStore(sim, "store", new RngStreams(1), underlying, { coalesce: true, indexLookup: 0, decompressionRate: 4 * MiB * 1000 });
    const done: number[] = [];
    // Three 4 KiB reads in chunk 0 at t = 0 share one fetch (1 ms + 1 ms decompression); the
    // fourth, at 5 ms, finds nothing in flight and fetches again.
    for (let i = 0; i < 3; i++) store.submit({ offset: i * 4096, length: 4096, op: "R" }, (c) => done.push(c.completedAt));
    sim.schedule(5_000_000, "test.event", () => store.submit({ offset: 0, length: 4096, op: "R" }, (c) => done.push(c.completedAt)));
    sim.run();
    expect(done).toEqual([2_000_000, 2_000_000, 2_000_000, 7_000_000]);
    expect(store.dedup.chunksFetched).toBe(2);
    expect(store.readAmplification()).toBe((2 * 4 * MiB) / (4 * 4096));
  });

  it("dedupStore.submit() throughput is bounded by decompression CPU", () => {
    const sim = new Simulation();
    const underlying = new FixedLatencyDevice(sim, "disk", { latency: 1000 });
    // 2 cores at 1e9 B/s: each 4 MiB chunk holds a core 4 194 304 ns. 2000 chunk fetches on 2 cores:
    // 1000 × 4 194 304 ns after the first fetch completes at 1 µs = 4 194 305 000 ns.
    const store = new DedupStore(sim, "store", new RngStreams(1), underlying, { cores: 2, decompressionRate: 1e9, indexLookup: 0 });
    randomReads(sim, store, 2000, 64 * 2 ** 30, 3);
    expect(sim.now).toBe(1000 + 1000 * 4_194_304);
    const chunkThroughput = store.dedup.chunkBytesFetched / (sim.now / 1e9);
    expect(chunkThroughput / 2e9).toBeCloseTo(1, 5);
    expect(store.cpu.busy.mean(sim.now)).toBeCloseTo(2, 5);
  });

  it("dedupStore.submit() restores a fragmented backup more slowly on an HDD", () => {
    // Sequential restore of 200 chunks, one at a time, from a 7.2k disk at a flat 150 MB/s.
    // Per chunk: lookup 0.05 ms + transfer 4 MiB / 150 MB/s = 27.962 ms + decompression
    // 4 MiB / 4 GB/s = 1.049 ms = 29.061 ms. Fragmentation 0: only the first chunk positions
    // the head (≈ 1.7 + ≤ 8.5 seek + ≤ 8.3 rotation): ≈ 200 × 29.061 = 5812 ms (+ < 20 ms).
    // Fragmentation 1: every chunk also pays 1.7 + 8.5 + 4.167 ms: ≈ 200 × 43.43 = 8685 ms.
    const restore = (fragmentation: number): number => {
      const sim = new Simulation();
      const streams = new RngStreams(4);
      const hdd = new Hdd(sim, "disk", streams, { ...HDD_PRESETS["7200"], outerRate: 150e6, innerRate: 150e6, bandwidth: 0 });
      const store = new DedupStore(sim, "store", streams, hdd, { fragmentation, queueDepth: 1, cores: 1, decompressionRate: 4e9, underlyingCapacity: 4e12 });
      for (let i = 0; i < 200; i++) store.submit({ offset: i * 4 * MiB, length: 4 * MiB, op: "R" }, () => {});
      sim.run();
      return sim.now / 1e6;
    };
    const contiguous = restore(0);
    const scattered = restore(1);
    expect(contiguous).toBeGreaterThan(5812);
    expect(contiguous).toBeLessThan(5812 + 20);
    expect(Math.abs(scattered / 8685 - 1)).toBeLessThan(0.03);
  });
});
