/**
 * How restore traffic crosses the network: over the flow-level max-min `Network` (accurate
 * sharing, cost grows with concurrent flows) or as FIFO pipes (each link serialises transfers in
 * arrival order; one event per transfer, for mass restores).
 */
import type { Simulation } from "../kernel/simulation.ts";
import { pathLatency, type Link, type Network } from "../models/network/network.ts";

/** Moves bytes over a path of links and calls back when the last byte has arrived. */
export interface Transport {
  /**
   * Sends `bytes` over `path`; `done` runs from a later kernel event.
   *
   * @example
   * transport.send([ma.nic.tx, host.nic.rx], 65_536, () => reply());
   */
  send(path: readonly Link[], bytes: number, done: () => void): void;
  /**
   * Like `send`, but calls `callback(data)`: a hot path passes its state instead of allocating
   * a closure per transfer.
   *
   * @example
   * transport.sendWith([ma.nic.tx, host.nic.rx], 65_536, onLanded, stream); // onLanded(stream) on arrival
   */
  sendWith<T>(path: readonly Link[], bytes: number, callback: (data: T) => void, data: T): void;
}

/** How links share bandwidth: `"max-min"` flows or `"fifo"` pipes. */
export type NetworkSharing = "max-min" | "fifo";

/**
 * A transport over the max-min fair flow network.
 *
 * @example
 * new FlowTransport(network).send([link], 1e6, done); // done at 1 ms + latency on a 1 GB/s link
 */
export class FlowTransport implements Transport {
  constructor(private readonly network: Network) {}

  send(path: readonly Link[], bytes: number, done: () => void): void {
    this.network.transfer(path, bytes, done);
  }

  sendWith<T>(path: readonly Link[], bytes: number, callback: (data: T) => void, data: T): void {
    this.network.transfer(path, bytes, () => callback(data));
  }
}

/**
 * FIFO pipes: a transfer starts when every link of its path is free, holds them all for
 * `bytes / min bandwidth`, then arrives after the path latency. Link counters (`bytesCarried`,
 * `busyNs`) are kept as the flow network keeps them.
 *
 * @example
 * const t = new FifoTransport(sim);
 * t.send([link1GBs], 1e6, a); t.send([link1GBs], 1e6, b); // a at 1 ms, b at 2 ms (+ latency)
 */
export class FifoTransport implements Transport {
  private freeAt = new Float64Array(16);

  constructor(private readonly sim: Simulation) {}

  send(path: readonly Link[], bytes: number, done: () => void): void {
    this.sim.schedule(this.occupy(path, bytes), "transport.arrival", done);
  }

  sendWith<T>(path: readonly Link[], bytes: number, callback: (data: T) => void, data: T): void {
    this.sim.schedule(this.occupy(path, bytes), "transport.arrival", callback, data);
  }

  /** Holds the path's links for the transfer; returns the delay until its last byte arrives. */
  private occupy(path: readonly Link[], bytes: number): number {
    const now = this.sim.now;
    let start = now;
    let bandwidth = Infinity;
    for (let i = 0; i < path.length; i++) {
      const link = path[i];
      if (link.index >= this.freeAt.length) this.grow(link.index);
      start = Math.max(start, this.freeAt[link.index]);
      bandwidth = Math.min(bandwidth, link.bandwidth);
    }
    const hold = bandwidth === Infinity ? 0 : Math.ceil((bytes / bandwidth) * 1e9);
    for (let i = 0; i < path.length; i++) {
      const link = path[i];
      this.freeAt[link.index] = start + hold;
      link.bytesCarried += bytes;
      link.busyNs += hold;
    }
    return start + hold - now + pathLatency(path);
  }

  private grow(index: number): void {
    const next = new Float64Array(Math.max(index + 1, this.freeAt.length * 2));
    next.set(this.freeAt);
    this.freeAt = next;
  }
}
