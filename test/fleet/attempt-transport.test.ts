import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/kernel/simulation.ts";
import { Network } from "../../src/models/network/network.ts";
import { AttemptTransport } from "../../src/fleet/attempt-transport.ts";

describe("AttemptTransport", () => {
  it("attemptTransport.abort() cancels its flows in flight (no callback), frees their bandwidth and refuses later sends", () => {
    const sim = new Simulation();
    const net = new Network(sim);
    const link = net.link("l", { bandwidth: 1e9, latency: 0 });
    const dead = new AttemptTransport(net);
    const live = new AttemptTransport(net);
    const arrived: string[] = [];
    dead.send([link], 4e6, () => arrived.push("dead"));
    live.sendWith([link], 4e6, (who: string) => arrived.push(`${who}@${sim.now}`), "live");
    // Both at 0.5e9 B/s; at 2 ms each moved 1 MB; the survivor's last 3 MB take 3 ms alone.
    sim.schedule(2_000_000, "test.event", () => {
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
