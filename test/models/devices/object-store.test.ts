import { describe, expect, it } from "vitest";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { ObjectStore } from "../../../src/models/devices/object-store.ts";
import { Network } from "../../../src/models/network/network.ts";

describe("ObjectStore", () => {
  it("objectStore.submit() with 1 connection and a large object runs at the per-connection rate", () => {
    const sim = new Simulation();
    const store = new ObjectStore(sim, "s3", new RngStreams(5), { connections: 1, firstByteSigma: 0 });
    // 4 GETs of 1 GB, one connection: each 100 ms + 1e9 / 87.5e6 s = 100 ms + 11.428571 s.
    // Throughput 4e9 B / 46.114 s = 86.74 MB/s, within 1% of 87.5 MB/s.
    for (let i = 0; i < 4; i++) store.submit({ offset: i * 1e9, length: 1e9, op: "R" }, () => {});
    sim.run();
    expect(sim.now).toBe(4 * (100_000_000 + 11_428_571_429));
    const throughput = 4e9 / (sim.now / 1e9);
    expect(Math.abs(throughput / 87.5e6 - 1)).toBeLessThan(0.01);
  });

  it("objectStore.submit() with many connections is bounded by the link", () => {
    const sim = new Simulation();
    const network = new Network(sim);
    // 10 GbE = 1.25e9 B/s; 32 connections × 87.5 MB/s = 2.8 GB/s would exceed it.
    const link = network.link("wan", { bandwidth: 1.25e9, latency: 0 });
    const store = new ObjectStore(sim, "s3", new RngStreams(5), { connections: 32 }, { network, path: [link] });
    // 64 GETs of 256 MB = 16.384 GB: at least 13.107 s on the link, plus first-byte waits.
    for (let i = 0; i < 64; i++) store.submit({ offset: i * 256e6, length: 256e6, op: "R" }, () => {});
    sim.run();
    const throughput = 64 * 256e6 / (sim.now / 1e9);
    expect(throughput).toBeLessThanOrEqual(1.25e9);
    expect(throughput / 1.25e9).toBeGreaterThan(0.97);
    expect(link.bytesCarried).toBeCloseTo(64 * 256e6, 0);
  });

  it("objectStore.submit() first-byte latencies have the configured median", () => {
    const sim = new Simulation();
    // Infinite-ish connection rate: a 1-byte GET's latency is its first-byte latency.
    const store = new ObjectStore(sim, "s3", new RngStreams(9), { connections: 100_000, connectionRate: 1e18, firstByteMedian: 150_000_000, requestRate: 0 });
    const latencies: number[] = [];
    for (let i = 0; i < 20_000; i++) store.submit({ offset: 0, length: 1, op: "R" }, (c) => latencies.push(c.completedAt - c.submittedAt));
    sim.run();
    latencies.sort((a, b) => a - b);
    const median = (latencies[9_999] + latencies[10_000]) / 2;
    // Median 150 ms; σ = 0.5 so the 90th percentile is 150 · e^(1.2816·0.5) = 284.7 ms.
    expect(Math.abs(median / 150e6 - 1)).toBeLessThan(0.02);
    expect(Math.abs(latencies[17_999] / 284.7e6 - 1)).toBeLessThan(0.03);
  });

  it("objectStore.submit() spaces GETs beyond the burst at the request rate", () => {
    const sim = new Simulation();
    // 100 GET/s, burst 10, constant 10 ms first byte, 1 MB at 1e9 B/s = 1 ms body.
    const store = new ObjectStore(sim, "s3", new RngStreams(1), {
      connections: 1000, connectionRate: 1e9, firstByteMedian: 10_000_000, firstByteSigma: 0, requestRate: 100, requestBurst: 10,
    });
    const done: number[] = [];
    for (let i = 0; i < 30; i++) store.submit({ offset: 0, length: 1e6, op: "R" }, (c) => done.push(c.completedAt));
    sim.run();
    // GETs 0–9 at once (11 ms); GET k ≥ 10 gets its token at (k − 9) × 10 ms: last at 200 + 11 ms.
    expect(done.slice(0, 11)).toEqual([...Array(10).fill(11_000_000), 21_000_000]);
    expect(done[29]).toBe(211_000_000);
  });
});
