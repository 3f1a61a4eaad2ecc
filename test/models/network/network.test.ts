import { describe, expect, it } from "vitest";
import { Simulation } from "../../../src/kernel/simulation.ts";
import { Network, pathLatency } from "../../../src/models/network/network.ts";
import { EagerNetwork } from "../../../bench/network-eager.ts";
import { runNetworkWorkload } from "../../../bench/network-workload.ts";

describe("Network", () => {
  it("network.transfer() of N equal flows started together finishes all at N·size/B + latency", () => {
    const sim = new Simulation();
    const net = new Network(sim);
    // B = 1e9 B/s, latency 50 µs, N = 4 flows of 1 MB: 4 × 1e6 / 1e9 s = 4 ms, + 50 µs.
    const link = net.link("l", { bandwidth: 1e9, latency: 50_000 });
    const done: number[] = [];
    for (let i = 0; i < 4; i++) net.transfer([link], 1e6, (t) => done.push(t.completedAt));
    sim.run();
    expect(done).toEqual([4_050_000, 4_050_000, 4_050_000, 4_050_000]);
    expect(link.bytesCarried).toBeCloseTo(4e6, 3);
    expect(link.busyNs).toBe(4_000_000);
  });

  it("network.transfer() of unequal flows follows the processor-sharing closed form", () => {
    const sim = new Simulation();
    const net = new Network(sim);
    const link = net.link("l", { bandwidth: 1e9, latency: 0 });
    // s1 = 1 MB, s2 = 2 MB, s3 = 4 MB at B = 1e9 B/s:
    //   t1 = 3·s1/B = 3 ms; t2 = t1 + 2(s2 − s1)/B = 5 ms; t3 = t2 + (s3 − s2)/B = 7 ms.
    const done: Record<string, number> = {};
    for (const [name, size] of [["s1", 1e6], ["s2", 2e6], ["s3", 4e6]] as const) {
      net.transfer([link], size, (t) => (done[name] = t.completedAt));
    }
    sim.run();
    expect(done).toEqual({ s1: 3_000_000, s2: 5_000_000, s3: 7_000_000 });
  });

  it("network.transfer() reschedules a running flow when another starts", () => {
    const sim = new Simulation();
    const net = new Network(sim);
    const link = net.link("l", { bandwidth: 1e9, latency: 0 });
    // A: 10 MB at t = 0, alone for 4 ms (4 MB). B: 2 MB at t = 4 ms; both at 0.5e9 B/s, B done at
    // 8 ms; A has 6 − 2 = 4 MB left, alone again: done at 12 ms.
    const done: Record<string, number> = {};
    net.transfer([link], 10e6, (t) => (done.a = t.completedAt));
    sim.schedule(4_000_000, "test.event", () => net.transfer([link], 2e6, (t) => (done.b = t.completedAt)));
    sim.run();
    expect(done).toEqual({ a: 12_000_000, b: 8_000_000 });
  });

  it("network.transfer() over several links gets the hand-computed max-min bottleneck rates", () => {
    const sim = new Simulation();
    const net = new Network(sim);
    // Capacities (B/s) L0 = 9e8, L1 = 6e8, L2 = 12e8.
    // F0: L0,L1  F1: L1  F2: L0,L2  F3: L2  F4: L0.
    // Max-min: L0 share 3e8, L1 3e8, L2 6e8 → level 3e8 freezes F0, F1, F2, F4; F3 gets
    // 12e8 − 3e8 = 9e8. With 3 MB each: F0, F1, F2, F4 would need 10 ms, F3 3.333 ms.
    // After F3 ends (t = 3.333 ms) L2 has only F2, but F2 stays held by L0 (3 flows at 3e8):
    // no rate changes, so everyone else ends at 10 ms.
    const l0 = net.link("l0", { bandwidth: 9e8, latency: 0 });
    const l1 = net.link("l1", { bandwidth: 6e8, latency: 0 });
    const l2 = net.link("l2", { bandwidth: 12e8, latency: 0 });
    const paths = [[l0, l1], [l1], [l0, l2], [l2], [l0]];
    const done: number[] = [];
    paths.forEach((path, i) => net.transfer(path, 3e6, (t) => (done[i] = t.completedAt)));
    sim.run();
    expect(done).toEqual([10_000_000, 10_000_000, 10_000_000, 3_333_334, 10_000_000]);
  });

  it("network.transfer() with a per-flow cap leaves the rest of the link to others", () => {
    const sim = new Simulation();
    const net = new Network(sim);
    const link = net.link("l", { bandwidth: 1e9, latency: 0 });
    // Capped flow 1e8 B/s, free flow gets 9e8: 9 MB in 10 ms; the capped 1 MB also in 10 ms.
    const done: number[] = [];
    net.transfer([link], 1e6, (t) => done.push(t.completedAt), { cap: 1e8 });
    net.transfer([link], 9e6, (t) => done.push(t.completedAt));
    sim.run();
    expect(done).toEqual([10_000_000, 10_000_000]);
  });

  it("network.nic(name) makes a tx and an rx link, and pathLatency(path) sums latencies", () => {
    const net = new Network(new Simulation());
    const nic = net.nic("ma1.nic", { bandwidth: 1.25e9, latency: 5_000 });
    expect([nic.tx.name, nic.rx.name]).toEqual(["ma1.nic.tx", "ma1.nic.rx"]);
    expect(pathLatency([nic.tx, nic.rx])).toBe(10_000);
  });

  it("network.transfer() of 0 bytes completes after the path latency", () => {
    const sim = new Simulation();
    const net = new Network(sim);
    const link = net.link("l", { bandwidth: 1e9, latency: 7_000 });
    let at = -1;
    net.transfer([link], 0, (t) => (at = t.completedAt));
    sim.run();
    expect(at).toBe(7_000);
  });

  it("transfer().cancel() of one of two flows sharing a link gives the other the full bandwidth from that instant", () => {
    const sim = new Simulation();
    const net = new Network(sim);
    const link = net.link("l", { bandwidth: 1e9, latency: 0 });
    // A and B, 4 MB each, share 1e9 B/s (0.5e9 each). B is cancelled at 2 ms: each moved 1 MB.
    // A alone then moves its last 3 MB at 1e9 B/s: done at 2 + 3 = 5 ms.
    const done: Record<string, number> = {};
    net.transfer([link], 4e6, (t) => (done.a = t.completedAt));
    const b = net.transfer([link], 4e6, (t) => (done.b = t.completedAt));
    let cancelled: boolean[] = [];
    sim.schedule(2_000_000, "test.event", () => {
      cancelled = [b.cancel(), b.cancel()];
      expect(link.activeFlows).toBe(1);
      expect(link.bytesCarried).toBeCloseTo(2e6, 3);
    });
    sim.run();
    expect(cancelled).toEqual([true, false]);
    expect(done).toEqual({ a: 5_000_000 });
    // Carried: 1 MB of B before the cancel, all 4 MB of A.
    expect(link.bytesCarried).toBeCloseTo(5e6, 3);
    expect(link.busyNs).toBe(5_000_000);
    expect([link.activeFlows, net.activeFlows]).toEqual([0, 0]);
  });

  it("transfer().cancel() after the last byte left drops the arrival; after it arrived returns false", () => {
    const sim = new Simulation();
    const net = new Network(sim);
    const link = net.link("l", { bandwidth: 1e9, latency: 1_000_000 });
    const arrived: number[] = [];
    // 1 MB drains at 1 ms and would arrive at 2 ms; cancelled at 1.5 ms, in flight on the wire.
    const late = net.transfer([link], 1e6, (t) => arrived.push(t.completedAt));
    const kept = net.transfer([link], 0, (t) => arrived.push(t.completedAt));
    sim.schedule(1_500_000, "test.event", () => expect(late.cancel()).toBe(true));
    sim.run();
    expect(arrived).toEqual([1_000_000]);
    expect(kept.cancel()).toBe(false);
    expect(link.bytesCarried).toBeCloseTo(1e6, 3);
  });

  it("new Network(sim, { directWhenAlone: true }) gives the same completion times with two events fewer per lone transfer", () => {
    const run = (directWhenAlone: boolean) => {
      const sim = new Simulation();
      const net = new Network(sim, { directWhenAlone });
      const link = net.link("l", { bandwidth: 1e9, latency: 10_000 });
      const done: number[] = [];
      // Two lone 1 MB transfers (1 ms each), then three sharing the link (processor sharing).
      net.transfer([link], 1e6, (t) => done.push(t.completedAt));
      sim.schedule(5_000_000, "test.event", () => net.transfer([link], 1e6, (t) => done.push(t.completedAt)));
      sim.schedule(10_000_000, "test.event", () => {
        for (const size of [1e6, 2e6, 4e6]) net.transfer([link], size, (t) => done.push(t.completedAt));
      });
      sim.run();
      return { done, events: sim.eventsExecuted, busy: link.busyNs };
    };
    const batched = run(false);
    const direct = run(true);
    // 1.01 ms, 6.01 ms; then 10 ms + 3, 5, 7 ms (+ 10 µs latency).
    expect(direct.done).toEqual([1_010_000, 6_010_000, 13_010_000, 15_010_000, 17_010_000]);
    expect(direct.done).toEqual(batched.done);
    expect(direct.busy).toBe(batched.busy);
    // Each lone transfer: drain + arrival instead of recompute + drain + recompute + arrival (2 × 2);
    // and the last of the three sharing the link leaves it empty: no recomputation (1).
    expect(batched.events - direct.events).toBe(5);
  });
  it("network.transfer() queues only its next drain, yet runs a seeded random workload (starts, ends, cancels, ties) exactly as one kernel drain event per flow did: same completions to the ns, link counters to the bit, fingerprint", () => {
    const workload = { seed: 7, transfers: 1_000, servers: 2, hosts: 12, meanGapNs: 300_000, cancelFraction: 0.1 };
    for (const directWhenAlone of [false, true]) {
      const lazy = runNetworkWorkload((sim) => new Network(sim, { directWhenAlone }), workload);
      const eager = runNetworkWorkload((sim) => new EagerNetwork(sim, { directWhenAlone }), workload);
      expect(lazy.completions).toEqual(eager.completions);
      expect(lazy.links).toEqual(eager.links);
      expect(lazy.fingerprint).toBe(eager.fingerprint);
      expect(lazy.events).toBe(eager.events);
      expect(lazy.completions.length).toBe(893); // the other 107 cancelled before they arrived
    }
    // The kernel renumbering every 20,000 sequence numbers (18 times here): the network queues all its drains first.
    const renumbered = runNetworkWorkload((sim) => new Network(sim), { ...workload, sequenceLimit: 20_000 });
    const eager = runNetworkWorkload((sim) => new EagerNetwork(sim), workload);
    expect(renumbered.renumbered).toBe(18);
    expect(renumbered.completions).toEqual(eager.completions);
    expect(renumbered.fingerprint).toBe(eager.fingerprint);
  });

  it("network.transfer(): a flow started later that drains first (its drain queued ahead of the earlier flow's) gets the processor-sharing closed form", () => {
    const sim = new Simulation();
    const net = new Network(sim);
    const link = net.link("l", { bandwidth: 1e9, latency: 0 });
    const done: Array<[string, number]> = [];
    // A: 10 MB at 0, alone for 1 ms (1 MB). B: 1 MB at 1 ms, both at 0.5 GB/s: B done at 3 ms;
    // A has 10 − 1 − 1 = 8 MB left, alone again: done at 3 + 8 = 11 ms.
    net.transfer([link], 10e6, (t) => done.push(["A", t.completedAt]));
    sim.schedule(1_000_000, "test.event", () => net.transfer([link], 1e6, (t) => done.push(["B", t.completedAt])));
    sim.run();
    expect(done).toEqual([["B", 3_000_000], ["A", 11_000_000]]);
    expect(link.busyNs).toBe(11_000_000);
  });
});
