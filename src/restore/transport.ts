/**
 * How restore traffic crosses the network: over the flow-level max-min `Network` (accurate
 * sharing, cost grows with concurrent flows), the same with byte counts and cancellation (a fleet
 * attempt's), or as FIFO pipes (each link serialises transfers in arrival order; one event per
 * transfer, for mass restores).
 */
import type { Simulation } from "../kernel/simulation.ts";
import { pathLatency, type Link, type Network, type TransferHandle } from "../models/network/network.ts";

/** Moves bytes over a path of links and calls back when the last byte has arrived. */
export interface Transport {
  /**
   * Sends `bytes` over `path`; `done` runs from a later kernel event.
   *
   * @example
   * const network = new Network(sim);
   * const [tx, rx] = [network.link("ma.tx", { bandwidth: 65_536e3, latency: 0 }), network.link("host.rx", { bandwidth: 65_536e3, latency: 0 })];
   * const transport: Transport = new FlowTransport(network);
   * let repliedAt = -1;
   * transport.send([tx, rx], 65_536, () => (repliedAt = sim.now));
   * sim.run();
   * repliedAt // => 1000000
   */
  send(path: readonly Link[], bytes: number, done: () => void): void;
  /**
   * Like `send`, but calls `callback(data)`: a hot path passes its state instead of allocating
   * a closure per transfer.
   *
   * @example
   * const link = new Network(sim).link("ma.tx", { bandwidth: 65_536e3, latency: 0 });
   * const transport: Transport = new FifoTransport(sim);
   * const landed: string[] = [];
   * transport.sendWith([link], 65_536, (stream) => landed.push(`${stream} at ${sim.now}`), "stream 1");
   * sim.run();
   * landed // => ["stream 1 at 1000000"] // onLanded(stream) on arrival
   */
  sendWith<T>(path: readonly Link[], bytes: number, callback: (data: T) => void, data: T): void;
}

/** How links share bandwidth: `"max-min"` flows or `"fifo"` pipes. */
export type NetworkSharing = "max-min" | "fifo";

/**
 * A transport over the max-min fair flow network.
 *
 * @example
 * const network = new Network(sim);
 * const link = network.link("core", { bandwidth: 1e9, latency: 20_000 });
 * let doneAt = -1;
 * new FlowTransport(network).send([link], 1e6, () => (doneAt = sim.now));
 * sim.run();
 * doneAt // => 1020000 // 1 ms + latency on a 1 GB/s link
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
 * const link1GBs = new Network(sim).link("core", { bandwidth: 1e9, latency: 20_000 });
 * const done: number[] = [];
 * t.send([link1GBs], 1e6, () => done.push(sim.now)); t.send([link1GBs], 1e6, () => done.push(sim.now));
 * sim.run();
 * done // => [1020000, 2020000] // 1 ms and 2 ms, plus the latency
 */
export class FifoTransport implements Transport {
  private freeAt = new Float64Array(16);

  constructor(private readonly sim: Simulation) {}

  send(path: readonly Link[], bytes: number, done: () => void): void {
    this.sim.post(this.occupy(path, bytes), "transport.arrival", done);
  }

  sendWith<T>(path: readonly Link[], bytes: number, callback: (data: T) => void, data: T): void {
    this.sim.post(this.occupy(path, bytes), "transport.arrival", callback, data);
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

/**
 * A transport over the max-min flow network that counts its bytes and whose every transfer can
 * be cancelled together: the transport of one fleet restore attempt (src/fleet/execution.ts).
 * Aborting cancels the flows in flight (no callback: the guest reads waiting for them are never
 * answered) and refuses every later send, so a failed media agent's attempt stops moving bytes
 * at once.
 *
 * @example
 * const network = new Network(sim);
 * const link = network.link("ma0.nic", { bandwidth: 1e9, latency: 0 });
 * const t = new CancellableTransport(network);
 * let arrived = false;
 * t.send([link], 65_536, () => (arrived = true)); t.sent // => 65536
 * t.abort(); t.pending // => 0
 * sim.run();
 * arrived // => false // the callback never runs
 */
export class CancellableTransport implements Transport {
  /** Bytes handed to the network. */
  sent = 0;
  /** Bytes that arrived (their callback ran). */
  delivered = 0;
  aborted = false;
  /** Transfers in flight; each knows its position, so an arrival leaves by a swap with the last. */
  private readonly inFlight: InFlight[] = [];

  constructor(private readonly network: Network) {}

  send(path: readonly Link[], bytes: number, done: () => void): void {
    this.sendWith(path, bytes, callDone, done);
  }

  sendWith<T>(path: readonly Link[], bytes: number, callback: (data: T) => void, data: T): void {
    if (this.aborted) return;
    this.sent += bytes;
    const entry: InFlight = { position: this.inFlight.length, handle: null };
    this.inFlight.push(entry);
    entry.handle = this.network.transfer(path, bytes, () => {
      this.leave(entry);
      this.delivered += bytes;
      callback(data);
    });
  }

  /** Transfers sent and not yet arrived. */
  get pending(): number {
    return this.inFlight.length;
  }

  /** Cancels every transfer in flight and refuses later sends. */
  abort(): void {
    this.aborted = true;
    for (const entry of this.inFlight) entry.handle?.cancel();
    this.inFlight.length = 0;
  }

  private leave(entry: InFlight): void {
    const last = this.inFlight.pop() as InFlight;
    if (last !== entry) {
      this.inFlight[entry.position] = last;
      last.position = entry.position;
    }
  }
}

interface InFlight {
  position: number;
  handle: TransferHandle | null;
}

function callDone(done: () => void): void {
  done();
}
