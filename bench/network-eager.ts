/**
 * The flow network as it was before its drains were kept out of the kernel's queue (commit
 * b63cbfe's src/models/network/network.ts, trimmed to transfers and cancels): one kernel drain
 * event per flow, cancelled and rescheduled at every rate change. The baseline of the network
 * benchmark, and the reference test/models/network/network.test.ts checks `Network` against
 * (same completions, link counters and fingerprint), its max-min computation included.
 */
import type { EventHandle, Simulation } from "../src/kernel/simulation.ts";
import type { Link, LinkOptions, NetworkOptions, TransferCompletion, TransferHandle, TransferOptions } from "../src/models/network/network.ts";
import { pathLatency } from "../src/models/network/network.ts";

const NO_EVENT = -1;
const DRAINING = 0;
const ARRIVING = 1;
const OVER = 2;

class EagerFlow implements TransferHandle {
  remaining: number;
  rate = 0;
  handle: EventHandle = NO_EVENT;
  arrival: EventHandle = NO_EVENT;
  state = DRAINING;
  constructor(
    readonly network: EagerNetwork,
    readonly path: readonly Link[],
    readonly bytes: number,
    readonly cap: number,
    readonly startedAt: number,
    readonly onComplete: (completion: TransferCompletion) => void,
  ) {
    this.remaining = bytes;
  }

  cancel(): boolean {
    return this.network.cancelFlow(this);
  }
}

/** The pre-change `Network` (see the file's comment): `link`, `transfer` and cancel only. */
export class EagerNetwork {
  private readonly links: Link[] = [];
  private readonly flows = new Set<EagerFlow>();
  private readonly busyLinks: Link[] = [];
  private busyPosition = new Int32Array(16).fill(-1);
  private lastUpdate = 0;
  private recomputePending = false;
  private readonly scratch = new EagerScratch();
  private readonly recomputed: EagerFlow[] = [];
  private readonly directWhenAlone: boolean;

  constructor(
    private readonly sim: Simulation,
    options: NetworkOptions = {},
  ) {
    this.directWhenAlone = options.directWhenAlone ?? false;
  }

  /** Adds one direction of a link. */
  link(name: string, options: LinkOptions): Link {
    const link: Link = { name, bandwidth: options.bandwidth, latency: options.latency, index: this.links.length, bytesCarried: 0, busyNs: 0, activeFlows: 0 };
    this.links.push(link);
    if (link.index >= this.busyPosition.length) {
      const grown = new Int32Array(this.busyPosition.length * 2).fill(-1);
      grown.set(this.busyPosition);
      this.busyPosition = grown;
    }
    return link;
  }

  /** Starts moving `bytes` over `path` (see `Network.transfer`). */
  transfer(path: readonly Link[], bytes: number, onComplete: (completion: TransferCompletion) => void, options: TransferOptions = {}): TransferHandle {
    const flow = new EagerFlow(this, path, bytes, options.cap ?? Infinity, this.sim.now, onComplete);
    if (bytes <= 0) {
      flow.state = ARRIVING;
      flow.arrival = this.sim.schedule(pathLatency(path), "network.arrival", eagerArrived, flow);
      return flow;
    }
    this.advance();
    this.flows.add(flow);
    let alone = true;
    for (const link of path) {
      this.occupy(link);
      if (link.activeFlows > 1) alone = false;
    }
    if (this.directWhenAlone && alone && !this.recomputePending) this.startAlone(flow);
    else this.requestRecompute();
    return flow;
  }

  /** The implementation of `TransferHandle.cancel`. */
  cancelFlow(flow: EagerFlow): boolean {
    if (flow.state === OVER) return false;
    if (flow.state === ARRIVING) {
      this.sim.cancel(flow.arrival);
    } else {
      this.advance();
      for (const link of flow.path) this.release(link);
      if (flow.handle !== NO_EVENT) this.sim.cancel(flow.handle);
      flow.handle = NO_EVENT;
      this.flows.delete(flow);
      this.requestRecompute();
    }
    flow.state = OVER;
    return true;
  }

  private startAlone(flow: EagerFlow): void {
    let rate = flow.cap;
    for (const link of flow.path) rate = Math.min(rate, link.bandwidth);
    flow.rate = rate;
    const delay = rate === Infinity ? 0 : Math.max(0, Math.ceil((flow.remaining / rate) * 1e9 - 1e-6));
    flow.handle = this.sim.schedule(delay, "network.drain", eagerDrained, flow);
  }

  private occupy(link: Link): void {
    if (link.activeFlows++ === 0) {
      this.busyPosition[link.index] = this.busyLinks.length;
      this.busyLinks.push(link);
    }
  }

  private release(link: Link): void {
    if (--link.activeFlows > 0) return;
    const at = this.busyPosition[link.index];
    const last = this.busyLinks.pop() as Link;
    if (last !== link) {
      this.busyLinks[at] = last;
      this.busyPosition[last.index] = at;
    }
    this.busyPosition[link.index] = -1;
  }

  private advance(): void {
    const elapsed = this.sim.now - this.lastUpdate;
    if (elapsed > 0) {
      for (const flow of this.flows) {
        const moved = Math.min(flow.remaining, (flow.rate * elapsed) / 1e9);
        flow.remaining -= moved;
        for (const link of flow.path) link.bytesCarried += moved;
      }
      for (const link of this.busyLinks) link.busyNs += elapsed;
    }
    this.lastUpdate = this.sim.now;
  }

  private requestRecompute(): void {
    if (this.recomputePending) return;
    this.recomputePending = true;
    this.sim.schedule(0, "network.recompute", eagerRecompute, this);
  }

  /** The batched recomputation's event. */
  onRecompute(): void {
    this.recomputePending = false;
    this.advance();
    const flows = this.recomputed;
    flows.length = 0;
    for (const flow of this.flows) flows.push(flow);
    const rates = this.fairShare(flows);
    for (let i = 0; i < flows.length; i++) {
      const flow = flows[i];
      if (rates[i] === flow.rate && flow.handle !== NO_EVENT) continue;
      flow.rate = rates[i];
      if (flow.handle !== NO_EVENT) this.sim.cancel(flow.handle);
      const delay = flow.rate === Infinity ? 0 : Math.max(0, Math.ceil((flow.remaining / flow.rate) * 1e9 - 1e-6));
      flow.handle = this.sim.schedule(delay, "network.drain", eagerDrained, flow);
    }
    flows.length = 0;
  }

  /** The max-min rates as computed before (every flow visited at every level). */
  private fairShare(flows: readonly EagerFlow[]): Float64Array {
    const links = this.busyLinks;
    const scratch = this.scratch.ensure(links.length, flows.length);
    const { remaining, users, saturated, rates, frozen } = scratch;
    const position = this.busyPosition;
    const nLinks = links.length;
    const nFlows = flows.length;
    for (let l = 0; l < nLinks; l++) {
      remaining[l] = links[l].bandwidth;
      users[l] = 0;
    }
    for (let f = 0; f < nFlows; f++) {
      rates[f] = 0;
      frozen[f] = 0;
      const path = flows[f].path;
      for (let k = 0; k < path.length; k++) users[position[path[k].index]]++;
    }
    let unfrozen = nFlows;
    let level = 0;
    while (unfrozen > 0) {
      let step = Infinity;
      for (let l = 0; l < nLinks; l++) if (users[l] > 0) step = Math.min(step, Math.max(0, remaining[l]) / users[l]);
      for (let f = 0; f < nFlows; f++) if (frozen[f] === 0) step = Math.min(step, flows[f].cap - level);
      level += step;
      if (step === Infinity) {
        for (let f = 0; f < nFlows; f++) if (frozen[f] === 0) rates[f] = Infinity;
        break;
      }
      for (let l = 0; l < nLinks; l++) if (users[l] > 0) remaining[l] -= step * users[l];
      for (let l = 0; l < nLinks; l++) saturated[l] = users[l] > 0 && remaining[l] <= 1e-9 * links[l].bandwidth ? 1 : 0;
      for (let f = 0; f < nFlows; f++) {
        if (frozen[f] !== 0) continue;
        const flow = flows[f];
        const path = flow.path;
        let hit = flow.cap - level <= 1e-9 * level;
        for (let k = 0; !hit && k < path.length; k++) hit = saturated[position[path[k].index]] === 1;
        if (hit) {
          frozen[f] = 1;
          unfrozen--;
          rates[f] = level;
          for (let k = 0; k < path.length; k++) users[position[path[k].index]]--;
        }
      }
    }
    return rates;
  }

  /** A flow's last byte left. */
  drained(flow: EagerFlow): void {
    this.advance();
    let shared = false;
    for (const link of flow.path) {
      link.bytesCarried += flow.remaining;
      this.release(link);
      if (link.activeFlows > 0) shared = true;
    }
    flow.remaining = 0;
    flow.handle = NO_EVENT;
    this.flows.delete(flow);
    if (shared || !this.directWhenAlone) this.requestRecompute();
    flow.state = ARRIVING;
    flow.arrival = this.sim.schedule(pathLatency(flow.path), "network.arrival", eagerArrived, flow);
  }

  /** The flow's last byte arrived. */
  finish(flow: EagerFlow): void {
    flow.state = OVER;
    flow.onComplete({ bytes: flow.bytes, startedAt: flow.startedAt, completedAt: this.sim.now });
  }
}

const eagerDrained = (flow: EagerFlow): void => flow.network.drained(flow);
const eagerArrived = (flow: EagerFlow): void => flow.network.finish(flow);
const eagerRecompute = (network: EagerNetwork): void => network.onRecompute();

/** The working arrays of the old max-min computation. */
class EagerScratch {
  remaining = new Float64Array(64);
  users = new Int32Array(64);
  saturated = new Uint8Array(64);
  rates = new Float64Array(64);
  frozen = new Uint8Array(64);

  ensure(links: number, flows: number): this {
    if (links > this.remaining.length) {
      const n = Math.max(links, this.remaining.length * 2);
      this.remaining = new Float64Array(n);
      this.users = new Int32Array(n);
      this.saturated = new Uint8Array(n);
    }
    if (flows > this.rates.length) {
      const n = Math.max(flows, this.rates.length * 2);
      this.rates = new Float64Array(n);
      this.frozen = new Uint8Array(n);
    }
    return this;
  }
}
