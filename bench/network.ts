/**
 * Network benchmark: a seeded random workload (bench/network-workload.ts: 2 shared server links,
 * 24 host links, hundreds of concurrent flows whose rates all change when one starts or ends,
 * as in a fleet's service phase) run on the flow network as it is (`Network`: drains kept out
 * of the kernel's queue, only the next one queued) and as it was (`EagerNetwork`: a kernel
 * drain event per flow, cancelled and rescheduled at every rate change), interleaved in one
 * process after a warm-up. Both must give the same fingerprint (checked). Reports the median
 * wall time of each and their ratio.
 */
import { EagerNetwork } from "./network-eager.ts";
import { runNetworkWorkload, type NetworkWorkloadOptions } from "./network-workload.ts";
import { Network } from "../src/models/network/network.ts";
import { quantile } from "../src/metrics/statistics.ts";

/** The record written to results/bench/network.json. */
export interface NetworkBenchRecord {
  name: "network";
  workload: NetworkWorkloadOptions;
  repeats: number;
  /** Kernel events executed per run (the same for both). */
  events: number;
  /** Median wall time of one run, ms. */
  queuedNextMs: number;
  eagerMs: number;
  /** eagerMs / queuedNextMs: how many times faster the network is than before. */
  speedup: number;
  /** Executed kernel events per second, the network as it is. */
  eventsPerSecond: number;
  node: string;
}

/** The median (type-7 quantile at 0.5: the midpoint of the two middle values of an even count). */
const median = (values: number[]): number => quantile(values, 0.5);

/**
 * Runs the network benchmark and returns its record (throws if the two networks disagree).
 *
 * @example
 * runNetworkBench({ repeats: 3 }).speedup // => e.g. 3
 */
export function runNetworkBench(options: { transfers?: number; repeats?: number } = {}): NetworkBenchRecord {
  const workload: NetworkWorkloadOptions = { seed: 1, transfers: options.transfers ?? 4_000, servers: 2, hosts: 24, meanGapNs: 100_000, cancelFraction: 0.05 };
  const repeats = options.repeats ?? 5;
  const variants = { queuedNext: (sim: ConstructorParameters<typeof Network>[0]) => new Network(sim), eager: (sim: ConstructorParameters<typeof Network>[0]) => new EagerNetwork(sim) };
  const warm = { ...workload, transfers: Math.min(workload.transfers, 1_000) };
  for (const make of Object.values(variants)) runNetworkWorkload(make, warm);
  const ms: Record<keyof typeof variants, number[]> = { queuedNext: [], eager: [] };
  const fingerprints = new Set<string>();
  let events = 0;
  for (let r = 0; r < repeats; r++) {
    for (const [name, make] of Object.entries(variants) as Array<[keyof typeof variants, (typeof variants)["eager"]]>) {
      const start = performance.now();
      const result = runNetworkWorkload(make, workload);
      ms[name].push(performance.now() - start);
      fingerprints.add(result.fingerprint);
      events = result.events;
    }
  }
  if (fingerprints.size !== 1) throw new Error(`network bench: the two networks ran different events (${[...fingerprints].join(", ")})`);
  const queuedNextMs = median(ms.queuedNext);
  const eagerMs = median(ms.eager);
  return { name: "network", workload, repeats, events, queuedNextMs, eagerMs, speedup: eagerMs / queuedNextMs, eventsPerSecond: events / (queuedNextMs / 1000), node: process.version };
}
