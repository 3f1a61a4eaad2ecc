import { describe, expect, it } from "vitest";
import { RngStreams } from "../../../src/kernel/rng.ts";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { DedupStore } from "../../../src/models/devices/dedup-store.ts";
import { FixedLatencyDevice } from "../../../src/models/devices/fixed-latency.ts";
import { MediaAgent } from "../../../src/models/hosts/media-agent.ts";
import { Network } from "../../../src/models/network/network.ts";

describe("MediaAgent", () => {
  it("mediaAgent.decompress() runs on at most `cores` cores at once", () => {
    const sim = new Simulation();
    const ma = new MediaAgent(sim, new Network(sim), "ma1", new FixedLatencyDevice(sim, "ma1.storage"), { cores: 2, decompressionRate: 1e9 });
    const done: number[] = [];
    // 1 MB at 1 GB/s = 1 ms per job; 5 jobs on 2 cores: 1, 1, 2, 2, 3 ms.
    for (let i = 0; i < 5; i++) ma.decompress(1e6, () => done.push(sim.now));
    sim.run();
    expect(done).toEqual([1e6, 1e6, 2e6, 2e6, 3e6]);
    expect(ma.cpu.busy.mean(sim.now)).toBeCloseTo(5 / 3, 10);
  });

  it("mediaAgent.hash() serves lower priority numbers first", () => {
    const sim = new Simulation();
    const ma = new MediaAgent(sim, new Network(sim), "ma1", new FixedLatencyDevice(sim, "ma1.storage"), { cores: 1, hashRate: 1e9 });
    const order: string[] = [];
    ma.hash(1e6, () => order.push("first")); // takes the core at once
    ma.hash(1e6, () => order.push("background"), 2);
    ma.hash(1e6, () => order.push("demand"), 0);
    sim.run();
    expect(order).toEqual(["first", "demand", "background"]);
  });

  it("new MediaAgent(storage factory) lets a dedup store decompress on the agent's cores", () => {
    const sim = new Simulation();
    const network = new Network(sim);
    const ma = new MediaAgent(sim, network, "ma1", (cpu) => new DedupStore(sim, "ma1.storage", new RngStreams(1), new FixedLatencyDevice(sim, "ma1.disk", { latency: 0 }), { indexLookup: 0 }, cpu), { cores: 1, decompressionRate: 1e9 });
    expect((ma.storage as DedupStore).cpu).toBe(ma.cpu);
    const done: number[] = [];
    // Two 4 MiB chunks on one core: 4 194 304 and 8 388 608 ns.
    ma.storage.submit({ offset: 0, length: 4096, op: "R" }, () => done.push(sim.now));
    ma.storage.submit({ offset: 8 * 2 ** 20, length: 4096, op: "R" }, () => done.push(sim.now));
    sim.run();
    expect(done).toEqual([4_194_304, 8_388_608]);
  });

  it("new MediaAgent() adds its NIC links to the network", () => {
    const sim = new Simulation();
    const network = new Network(sim);
    const ma = new MediaAgent(sim, network, "mediaAgents.ma1", new FixedLatencyDevice(sim, "s"), { nicBandwidth: 1.25e9, nicLatency: 5_000 });
    expect([ma.nic.tx.name, ma.nic.tx.bandwidth, ma.nic.rx.latency]).toEqual(["mediaAgents.ma1.nic.tx", 1.25e9, 5_000]);
    expect(ma.cache).toBeNull();
    expect(ma.scheduler).toBeNull();
  });
});
