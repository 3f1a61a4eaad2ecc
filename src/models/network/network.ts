import type { EventHandle, Simulation } from "../../kernel/simulation.ts";
import type { ModelDefinition } from "../devices/definition.ts";
import { FairShareScratch, busyLinkFairShare } from "./max-min.ts";

/** Parameters of one direction of a link. */
export interface LinkOptions {
  /** Capacity, bytes/s. */
  bandwidth: number;
  /** One-way propagation plus switching latency, ns. */
  latency: number;
}

/** Registry definition of a link (one direction); NIC limits are links too. */
export const linkDefinition: ModelDefinition = {
  name: "link",
  description: "One direction of a network link: bandwidth shared max-min fairly among its flows, plus latency",
  parameters: {
    bandwidth: { type: "rate", description: "capacity", default: 1.25e9, minimum: 1 },
    latency: { type: "duration", description: "one-way latency", default: 50_000, minimum: 0 },
  },
};

/** One direction of a link, created by `Network.link`. */
export interface Link {
  readonly name: string;
  readonly bandwidth: number;
  readonly latency: number;
  /** Position in the network's link table. */
  readonly index: number;
  /** Bytes carried so far (up to the last rate change). */
  bytesCarried: number;
  /** ns during which at least one flow crossed the link (up to the last rate change). */
  busyNs: number;
  /** Flows crossing the link now. */
  activeFlows: number;
}

/** A host's network interface: one link per direction. */
export interface Nic {
  readonly tx: Link;
  readonly rx: Link;
}

/** What a transfer reports when its last byte has arrived. Times in ns. */
export interface TransferCompletion {
  bytes: number;
  startedAt: number;
  completedAt: number;
}

/** Options of a network. */
export interface NetworkOptions {
  /**
   * A flow alone on every link of its path gets its rate at once, and one leaving links nobody
   * else crosses triggers no recomputation: two kernel events fewer per transfer when traffic
   * is sparse, same rates (max-min of a flow alone is its narrowest link). Off by default so the
   * event sequence, and the pinned fingerprints, of existing scenarios stay as they are.
   */
  directWhenAlone?: boolean;
}

/** Options of one transfer. */
export interface TransferOptions {
  /** The flow's own rate cap, bytes/s (a per-connection or per-stream limit). */
  cap?: number;
}

/**
 * A transfer in progress, returned by `Network.transfer`: `cancel()` drops it without calling back.
 */
export interface TransferHandle {
  /**
   * Removes the transfer: a flow still draining leaves its links (the bytes it moved so far stay
   * counted on them, the others' rates are recomputed from now); one already drained is not
   * delivered. Returns false when it had already completed or been cancelled.
   *
   * @example
   * const net = new Network(sim);
   * const link = net.link("core", { bandwidth: 1e9, latency: 0 });
   * let arrived = false;
   * let cancelled = false;
   * const h = net.transfer([link], 1e6, () => (arrived = true));
   * sim.schedule(500_000, "example.event1", () => (cancelled = h.cancel()));
   * sim.run();
   * [cancelled, arrived] // => [true, false] // cancelled at 0.5 ms, never delivered
   */
  cancel(): boolean;
}

const NO_EVENT = -1;
const NO_SEQUENCE = -1;
/** A drain queued by the kernel's renumbering: its event is in the queue, its old number meaningless. */
const RENUMBERED = -2;

/** Where a flow stands: moving bytes, past its last byte (arriving after the path latency), or over. */
const DRAINING = 0;
const ARRIVING = 1;
const OVER = 2;

class Flow implements TransferHandle {
  remaining: number;
  rate = 0;
  /**
   * When the flow's last byte leaves at its current rate (ns), and the kernel sequence number
   * reserved then (NO_SEQUENCE: not rated yet; RENUMBERED: queued when the kernel renumbered).
   */
  drainAt = 0;
  drainSequence = NO_SEQUENCE;
  /** The drain's kernel event, once queued (only the network's next drain must be, see `Network.queueNextDrain`). */
  handle: EventHandle = NO_EVENT;
  /** The arrival event once drained (or at once, for an empty transfer). */
  arrival: EventHandle = NO_EVENT;
  state = DRAINING;
  constructor(
    readonly network: Network,
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

/**
 * Flow-level network: each transfer is a flow over a path of links; concurrent flows share
 * bandwidth by max-min fairness (progressive filling over all links, see `maxMinFairShare`),
 * recomputed whenever a flow starts or ends. A flow's data drains at its current rate; its
 * drain time is recomputed whenever its rate changes, and the transfer completes the path's
 * total latency after the last byte left.
 *
 * Drains are kept here, not in the kernel's queue: a new drain time takes a kernel sequence
 * number (`Simulation.reserveSequence`) and only the earliest drain is queued
 * (`scheduleReserved`), so the events run exactly where one drain event per flow, cancelled
 * and rescheduled at every rate change, would run (same order, same fingerprint), without a
 * queue entry per flow and rate change (a shared link's n flows all change rate when one joins).
 *
 * Starts and ends at the same instant are batched into one recomputation (a zero-delay event).
 * `transfer` returns a handle whose `cancel()` removes the flow (a failed component's traffic):
 * no callback, counters kept right up to that instant, the others re-rated from it.
 *
 * @example
 * const net = new Network(sim);
 * const wire = net.link("core", { bandwidth: 1e9, latency: 50_000 });
 * let completedAt = -1;
 * net.transfer([wire], 1e6, (t) => (completedAt = t.completedAt));
 * sim.run();
 * completedAt // => 1_050_000 // 1 ms + 50 µs
 */
export class Network {
  private readonly links: Link[] = [];
  private readonly flows = new Set<Flow>();
  /** Links crossed by at least one flow, and each link's position in it (−1 when idle). */
  private readonly busyLinks: Link[] = [];
  private busyPosition = new Int32Array(16).fill(-1);
  private lastUpdate = 0;
  private recomputePending = false;
  private readonly scratch = new FairShareScratch();
  private readonly recomputed: Flow[] = [];

  private readonly directWhenAlone: boolean;

  constructor(
    private readonly sim: Simulation,
    options: NetworkOptions = {},
  ) {
    this.directWhenAlone = options.directWhenAlone ?? false;
    sim.onRenumber(() => this.queueAllDrains());
  }

  /**
   * Adds one direction of a link.
   *
   * @example
   * const net = new Network(sim);
   * net.link("ma1-switch", { bandwidth: 1.25e9, latency: 20_000 }).index // => 0
   */
  link(name: string, options: LinkOptions): Link {
    if (!(options.bandwidth > 0) || !(options.latency >= 0) || !Number.isInteger(options.latency)) {
      throw new Error(`link ${name} requires a positive bandwidth and a non-negative integer latency in ns`);
    }
    const link: Link = { name, bandwidth: options.bandwidth, latency: options.latency, index: this.links.length, bytesCarried: 0, busyNs: 0, activeFlows: 0 };
    this.links.push(link);
    if (link.index >= this.busyPosition.length) {
      const grown = new Int32Array(this.busyPosition.length * 2).fill(-1);
      grown.set(this.busyPosition);
      this.busyPosition = grown;
    }
    return link;
  }

  /**
   * Adds a NIC: links `<name>.tx` and `<name>.rx` with the same options.
   *
   * @example
   * const net = new Network(sim);
   * const nic = net.nic("ma1.nic", { bandwidth: 1.25e9, latency: 0 }); nic.tx.name // => "ma1.nic.tx"
   */
  nic(name: string, options: LinkOptions): Nic {
    return { tx: this.link(`${name}.tx`, options), rx: this.link(`${name}.rx`, options) };
  }

  /** Number of flows in progress. */
  get activeFlows(): number {
    return this.flows.size;
  }

  /**
   * Starts moving `bytes` over `path`; `onComplete` runs from a kernel event when the last byte
   * has arrived, unless the returned handle's `cancel()` is called first. An empty path (and no
   * cap) moves the bytes instantly.
   *
   * @example
   * const net = new Network(sim);
   * const core = net.link("core", { bandwidth: 1.25e9, latency: 0 });
   * let arrived = false;
   * const h = net.transfer([core], 4 * 2 ** 20, () => (arrived = true), { cap: 90e6 });
   * h.cancel(); // => true
   * sim.run();
   * arrived // => false // the others on those links share their bandwidth
   */
  transfer(path: readonly Link[], bytes: number, onComplete: (completion: TransferCompletion) => void, options: TransferOptions = {}): TransferHandle {
    const flow = new Flow(this, path, bytes, options.cap ?? Infinity, this.sim.now, onComplete);
    if (bytes <= 0) {
      flow.state = ARRIVING;
      flow.arrival = this.sim.schedule(pathLatency(path), "network.arrival", flowArrived, flow);
      return flow;
    }
    this.advance();
    this.flows.add(flow);
    let alone = true;
    for (const link of path) {
      this.occupy(link);
      if (link.activeFlows > 1) alone = false;
    }
    // Alone on its links, the flow bounds nobody and nobody bounds it: its max-min rate is its
    // path's narrowest link (or its cap), set at once. A pending recomputation includes it anyway.
    if (this.directWhenAlone && alone && !this.recomputePending) this.startAlone(flow);
    else this.requestRecompute();
    return flow;
  }

  /** Brings links' counters up to now (they are otherwise updated at rate changes). */
  sync(): void {
    this.advance();
  }

  /** The implementation of `TransferHandle.cancel`. @internal */
  cancelFlow(flow: Flow): boolean {
    if (flow.state === OVER) return false;
    if (flow.state === ARRIVING) {
      this.sim.cancel(flow.arrival);
    } else {
      // Counters up to now with the flow still in: what it moved so far was carried.
      this.advance();
      for (const link of flow.path) this.release(link);
      if (flow.handle !== NO_EVENT) this.sim.cancel(flow.handle);
      flow.handle = NO_EVENT;
      this.flows.delete(flow);
      this.requestRecompute();
      this.queueNextDrain();
    }
    flow.state = OVER;
    return true;
  }

  /** Rates a flow alone on its links (see `transfer`) and schedules its drain. */
  private startAlone(flow: Flow): void {
    let rate = flow.cap;
    for (const link of flow.path) rate = Math.min(rate, link.bandwidth);
    flow.rate = rate;
    this.setDrain(flow);
    this.queueNextDrain();
  }

  /**
   * The flow's drain time at its current rate, with a new kernel sequence number: where a drain
   * event scheduled now would run. A queued drain event of the flow is cancelled.
   */
  private setDrain(flow: Flow): void {
    if (flow.handle !== NO_EVENT) this.sim.cancel(flow.handle);
    flow.handle = NO_EVENT;
    flow.drainSequence = NO_SEQUENCE; // (reserveSequence may renumber: nothing of this flow to queue)
    // The −1e-6 ns absorbs float noise so an exact drain time is not pushed to the next ns.
    const delay = flow.rate === Infinity ? 0 : Math.max(0, Math.ceil((flow.remaining / flow.rate) * 1e9 - 1e-6));
    flow.drainAt = this.sim.now + delay;
    flow.drainSequence = this.sim.reserveSequence();
  }

  /**
   * Queues the kernel event of the earliest drain (by time, then sequence number) unless it is
   * queued already. Later drains need no event yet: every change to the drains (a rate change,
   * a cancel, a drain) comes back here before the earliest has run, so the next one is always
   * queued before its time. (Drains queued at a renumbering are queued already and their
   * numbers no longer compare: they are left out.)
   */
  private queueNextDrain(): void {
    let next: Flow | null = null;
    for (const flow of this.flows) {
      if (flow.drainSequence < 0) continue;
      if (next === null || flow.drainAt < next.drainAt || (flow.drainAt === next.drainAt && flow.drainSequence < next.drainSequence)) next = flow;
    }
    if (next !== null && next.handle === NO_EVENT) next.handle = this.sim.scheduleReserved(next.drainAt, next.drainSequence, "network.drain", flowDrained, next);
  }

  /** Queues every flow's drain event (before the kernel renumbers sequence numbers). */
  private queueAllDrains(): void {
    for (const flow of this.flows) {
      if (flow.drainSequence < 0) continue;
      if (flow.handle === NO_EVENT) flow.handle = this.sim.scheduleReserved(flow.drainAt, flow.drainSequence, "network.drain", flowDrained, flow);
      flow.drainSequence = RENUMBERED;
    }
  }

  /** One more flow crosses `link`. */
  private occupy(link: Link): void {
    if (link.activeFlows++ === 0) {
      this.busyPosition[link.index] = this.busyLinks.length;
      this.busyLinks.push(link);
    }
  }

  /** One flow fewer crosses `link`; an idle link leaves the busy list (swap with the last). */
  private release(link: Link): void {
    if (--link.activeFlows > 0) return;
    if (link.activeFlows < 0) throw new Error(`link ${link.name}: more flows left it than entered`);
    const at = this.busyPosition[link.index];
    const last = this.busyLinks.pop() as Link;
    if (last !== link) {
      this.busyLinks[at] = last;
      this.busyPosition[last.index] = at;
    }
    this.busyPosition[link.index] = -1;
  }

  /** Drains every flow at its current rate up to now and updates the link counters. */
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
    this.sim.schedule(0, "network.recompute", recomputeRates, this);
  }

  /** The batched recomputation's event. @internal */
  onRecompute(): void {
    this.recomputePending = false;
    this.recompute();
  }

  /**
   * New max-min rates for all flows; new drain times for the flows whose rate changed.
   * Only busy links take part (an idle link bounds nobody), numbered densely.
   */
  private recompute(): void {
    this.advance();
    const flows = this.recomputed;
    flows.length = 0;
    for (const flow of this.flows) flows.push(flow);
    const rates = busyLinkFairShare(this.busyLinks, this.busyPosition, flows, this.scratch);
    for (let i = 0; i < flows.length; i++) {
      const flow = flows[i];
      if (rates[i] === flow.rate && flow.drainSequence !== NO_SEQUENCE) continue;
      flow.rate = rates[i];
      this.setDrain(flow);
    }
    flows.length = 0;
    this.queueNextDrain();
  }

  /** A flow's last byte left: it frees its links and arrives after the path latency. @internal */
  drained(flow: Flow): void {
    this.advance();
    // Scheduled for the exact drain time at the current rate: whatever float residue is left is 0.
    let shared = false;
    for (const link of flow.path) {
      link.bytesCarried += flow.remaining;
      this.release(link);
      if (link.activeFlows > 0) shared = true;
    }
    flow.remaining = 0;
    flow.handle = NO_EVENT;
    flow.drainSequence = NO_SEQUENCE;
    this.flows.delete(flow);
    this.queueNextDrain();
    // A flow that was alone on its links leaves nobody to re-rate.
    if (shared || !this.directWhenAlone) this.requestRecompute();
    flow.state = ARRIVING;
    flow.arrival = this.sim.schedule(pathLatency(flow.path), "network.arrival", flowArrived, flow);
  }

  /** The flow's last byte arrived. @internal */
  finish(flow: Flow): void {
    flow.state = OVER;
    flow.onComplete({ bytes: flow.bytes, startedAt: flow.startedAt, completedAt: this.sim.now });
  }
}

// Event callbacks bound once, so scheduling a flow event allocates no closure.
const flowDrained = (flow: Flow): void => flow.network.drained(flow);
const flowArrived = (flow: Flow): void => flow.network.finish(flow);
const recomputeRates = (network: Network): void => network.onRecompute();

/**
 * Sum of the latencies of a path's links, ns.
 *
 * @example
 * pathLatency([{ latency: 10 }, { latency: 5 }]) // => 15
 */
export function pathLatency(path: readonly Pick<Link, "latency">[]): number {
  let total = 0;
  for (const link of path) total += link.latency;
  return total;
}
