import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/kernel/simulation.ts";
import { Network } from "../../src/models/network/network.ts";
import { CancellableTransport, FifoTransport, FlowTransport } from "../../src/restore/transport.ts";

describe("transport", () => {
  it("fifoTransport.send() serialises transfers on a shared link: 1 MB at 1 GB/s arrives at 1 ms + 5 µs, the next at 2 ms + 5 µs", () => {
    const sim = new Simulation();
    const net = new Network(sim);
    const link = net.link("l", { bandwidth: 1e9, latency: 5_000 });
    const t = new FifoTransport(sim);
    const at: [string, number][] = [];
    t.send([link], 1e6, () => at.push(["a", sim.now]));
    t.send([link], 1e6, () => at.push(["b", sim.now]));
    sim.run();
    expect(at).toEqual([
      ["a", 1_005_000],
      ["b", 2_005_000],
    ]);
    expect([link.bytesCarried, link.busyNs]).toEqual([2e6, 2e6]);
  });

  it("fifoTransport.send() over a path holds every link at the narrowest bandwidth and adds every latency", () => {
    const sim = new Simulation();
    const net = new Network(sim);
    const fast = net.link("fast", { bandwidth: 2e9, latency: 1_000 });
    const slow = net.link("slow", { bandwidth: 5e8, latency: 2_000 });
    const other = net.link("other", { bandwidth: 2e9, latency: 0 });
    const t = new FifoTransport(sim);
    const at: number[] = [];
    t.send([fast, slow], 1e6, () => at.push(sim.now)); // 2 ms hold + 3 µs
    t.send([fast, other], 1e6, () => at.push(sim.now)); // waits for `fast` until 2 ms, holds 0.5 ms, + 1 µs
    sim.run();
    expect(at).toEqual([2_003_000, 2_501_000]);
    expect([fast.busyNs, slow.busyNs, other.busyNs]).toEqual([2_500_000, 2_000_000, 500_000]);
  });

  it("fifoTransport.send() of 0 bytes (an ack) costs only the path latency", () => {
    const sim = new Simulation();
    const link = new Network(sim).link("l", { bandwidth: 1e9, latency: 7_000 });
    const at: number[] = [];
    new FifoTransport(sim).send([link], 0, () => at.push(sim.now));
    sim.run();
    expect(at).toEqual([7_000]);
  });

  it("flowTransport.send() shares a link max-min fairly: two 1 MB flows at 1 GB/s both arrive at 2 ms + 5 µs", () => {
    const sim = new Simulation();
    const net = new Network(sim);
    const link = net.link("l", { bandwidth: 1e9, latency: 5_000 });
    const t = new FlowTransport(net);
    const at: number[] = [];
    t.send([link], 1e6, () => at.push(sim.now));
    t.send([link], 1e6, () => at.push(sim.now));
    sim.run();
    expect(at).toEqual([2_005_000, 2_005_000]);
  });

  it("cancellableTransport.abort() cancels its flows in flight (no callback), frees their bandwidth and refuses later sends", () => {
    const sim = new Simulation();
    const net = new Network(sim);
    const link = net.link("l", { bandwidth: 1e9, latency: 0 });
    const dead = new CancellableTransport(net);
    const live = new CancellableTransport(net);
    const arrived: string[] = [];
    dead.send([link], 4e6, () => arrived.push("dead"));
    live.sendWith([link], 4e6, (who: string) => arrived.push(`${who}@${sim.now}`), "live");
    // Both at 0.5e9 B/s; at 2 ms each moved 1 MB; the survivor's last 3 MB take 3 ms alone.
    sim.schedule(2_000_000, "test.abort", () => {
      dead.abort();
      dead.send([link], 1e6, () => arrived.push("refused"));
    });
    sim.run();
    expect(arrived).toEqual(["live@5000000"]);
    expect([dead.sent, dead.delivered, dead.pending]).toEqual([4e6, 0, 0]);
    expect([live.sent, live.delivered, live.pending]).toEqual([4e6, 4e6, 0]);
    expect(link.bytesCarried).toBeCloseTo(5e6, 3);
  });
});
