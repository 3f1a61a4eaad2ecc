/**
 * A seeded random workload for a flow network: links of a few bandwidths, transfers arriving
 * open loop over paths of one to three links (some capped, some of equal sizes so drains tie to
 * the ns, some cancelled midway), run to the end. Used by the network benchmark (the new
 * `Network` against the pre-change `EagerNetwork`) and by the network test that checks both
 * give the same completions, link counters and fingerprint (the ties make any change in the
 * order of same-time events show).
 */
import { Simulation } from "../src/kernel/simulation.ts";
import type { Link, LinkOptions, TransferCompletion, TransferHandle, TransferOptions } from "../src/models/network/network.ts";

/** What the workload needs of a network. */
export interface NetworkLike {
  link(name: string, options: LinkOptions): Link;
  transfer(path: readonly Link[], bytes: number, onComplete: (completion: TransferCompletion) => void, options?: TransferOptions): TransferHandle;
}

/** The workload's shape. */
export interface NetworkWorkloadOptions {
  seed: number;
  transfers: number;
  /** Shared "server" links every path starts with (one picked per transfer). */
  servers: number;
  /** "Host" links a path ends with (one picked per transfer). */
  hosts: number;
  /** Mean gap between transfer starts, ns. */
  meanGapNs: number;
  /** Fraction of transfers cancelled at a random time after they start. */
  cancelFraction: number;
  /** Kernel sequence renumbering threshold (lower to exercise it); default the kernel's. */
  sequenceLimit?: number;
}

/** What a run of the workload gives. */
export interface NetworkWorkloadResult {
  /** `[transfer, completedAt]` in completion order. */
  completions: Array<[number, number]>;
  /** Each link's bytes carried and busy ns at the end. */
  links: Array<[number, number]>;
  fingerprint: string;
  events: number;
  /** Times the kernel renumbered its sequence numbers. */
  renumbered: number;
}

/** mulberry32: a small seeded PRNG, so the workload is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs the workload on the network `make` builds on a fresh fingerprinted simulation.
 *
 * @example
 * const r = runNetworkWorkload((sim) => new Network(sim), { seed: 1, transfers: 100, servers: 2, hosts: 6, meanGapNs: 200_000, cancelFraction: 0.1 });
 * r.completions.length // => about 90
 */
export function runNetworkWorkload(make: (sim: Simulation) => NetworkLike, options: NetworkWorkloadOptions): NetworkWorkloadResult {
  const sim = new Simulation({ fingerprint: true, sequenceLimit: options.sequenceLimit });
  let renumbered = 0;
  sim.onRenumber(() => renumbered++);
  const network = make(sim);
  const random = prng(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const bandwidths = [1.25e9, 1e9, 1e9, 5e8];
  const servers = Array.from({ length: options.servers }, (_, i) => network.link(`server${i}`, { bandwidth: pick(bandwidths), latency: 20_000 }));
  const hosts = Array.from({ length: options.hosts }, (_, i) => network.link(`host${i}`, { bandwidth: pick(bandwidths), latency: 5_000 }));
  const wan = network.link("wan", { bandwidth: 3e8, latency: 1_000_000 });
  const completions: Array<[number, number]> = [];
  const sizes = [4 * 2 ** 20, 1e6, 5e5, 1e5];
  let t = 0;
  for (let i = 0; i < options.transfers; i++) {
    // A third start with the one before (a burst); times on a 100 µs grid and round sizes and
    // bandwidths, so drains, arrivals and starts often fall on the same ns.
    if (random() >= 1 / 3) t += Math.round(-options.meanGapNs * Math.log(1 - random()) / 100_000) * 100_000;
    const path = [pick(servers), ...(random() < 0.1 ? [wan] : []), pick(hosts)];
    const bytes = random() < 0.5 ? pick(sizes) : Math.round(random() * 8 * 2 ** 20);
    const cap = random() < 0.2 ? pick([1e8, 2.5e8]) : undefined;
    const cancelAfter = random() < options.cancelFraction ? Math.round(random() * 50) * 100_000 : -1;
    sim.scheduleAt(t, "workload.start", () => {
      const handle = network.transfer(path, bytes, (c) => completions.push([i, c.completedAt]), { cap });
      if (cancelAfter >= 0) sim.schedule(cancelAfter, "workload.cancel", () => handle.cancel());
    });
  }
  sim.run();
  const links = [...servers, ...hosts, wan].map((l): [number, number] => [l.bytesCarried, l.busyNs]);
  return { completions, links, fingerprint: sim.fingerprint() ?? "", events: sim.eventsExecuted, renumbered };
}
