/**
 * Restore benchmark: the 50-VM boot storm from one media agent and a 1,000-VM mass restore
 * from 20 media agents (live mount + relocation of every disk), each timed with its peak RSS
 * (sampled every event batch) and events per second against the kernel's callback M/M/1 in
 * the same process. Targets (issue 5): the 1,000-VM run under 60 s and 2 GB.
 *
 * @example
 * npx tsx bench/run.ts restore
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { RngStreams } from "../src/kernel/rng.ts";
import { buildRestoreWorld } from "../src/lab/kinds/restore/build.ts";
import { restoreSchema } from "../src/lab/kinds/restore/schema.ts";
import { mm1Callback } from "./mm1-variants.ts";

const scenarioDir = join(dirname(fileURLToPath(import.meta.url)), "..", "scenarios", "restore");

const common = {
  kind: "restore",
  chunkSize: "4MiB",
  vms: { blockSize: "4MiB", trace: "../../traces/gboot1.csv", serviceReady: "35724121us", profile: { traces: [{ file: "../../traces/gboot0.csv", serviceReady: "36524944us" }] } },
  prefetch: { policy: "profile", options: { lead: 64 } },
  network: { sharing: "fifo" },
};

/** The two restore workloads of the benchmark. */
export const RESTORE_BENCH_SPECS = {
  bootStorm50: { ...common, vms: { ...common.vms, count: 50, diskSize: "8GiB" }, mediaAgents: { count: 1, fetchSlots: 64, storage: { device: "dedup", underlying: { device: "striped", members: 12 } } }, hosts: { count: 5 } },
  massRestore1000: {
    ...common,
    vms: { ...common.vms, count: 1000, diskSize: "64GiB", allocated: "16GiB" },
    mediaAgents: { count: 20, fetchSlots: 64, storage: { device: "dedup", underlying: { device: "ssd" } } },
    hosts: { count: 100, datastore: { device: "ssd" } },
    relocation: { start: "after-service-ready", scheme: "allocated-extents", streams: 2 },
  },
};

/** One timed run. */
export interface RestoreBenchRecord {
  vms: number;
  wallSeconds: number;
  /** CPU seconds of this process (user + system, GC threads included): steadier than wall time on a shared machine. */
  cpuSeconds: number;
  peakRssMiB: number;
  events: number;
  eventsPerSecond: number;
  /** eventsPerSecond / the kernel's callback M/M/1 events per second. */
  ratioToKernel: number;
  simulatedSeconds: number;
  meanTtsSeconds: number;
}

function timed(spec: object, kernelRate: number): RestoreBenchRecord {
  const parsed = restoreSchema.parse(spec);
  let peak = process.memoryUsage.rss();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const world = buildRestoreWorld(parsed, { replication: 0, streams: new RngStreams("1/0"), scenarioDir });
  while (world.sim.pending > 0) {
    world.sim.run(world.sim.now + 1e9);
    peak = Math.max(peak, process.memoryUsage.rss());
    if (world.sim.peek() === Infinity) break;
  }
  const wall = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const events = world.sim.eventsExecuted;
  const tts = world.restores.map((r) => r.parts.vm.timeTo("serviceReady") ?? 0);
  return {
    vms: world.restores.length,
    wallSeconds: wall,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMiB: peak / 2 ** 20,
    events,
    eventsPerSecond: events / wall,
    ratioToKernel: events / wall / kernelRate,
    simulatedSeconds: world.sim.now / 1e9,
    meanTtsSeconds: tts.reduce((a, b) => a + b, 0) / tts.length / 1e9,
  };
}

/**
 * Runs both restore workloads and the kernel reference.
 *
 * @example
 * runRestoreBench().massRestore1000.wallSeconds // => under 60 (the target)
 */
export function runRestoreBench(): { kernelEventsPerSecond: number; bootStorm50: RestoreBenchRecord; massRestore1000: RestoreBenchRecord } {
  const customers = 1_000_000;
  const t0 = performance.now();
  const kernelEvents = mm1Callback(customers);
  const kernelEventsPerSecond = kernelEvents / ((performance.now() - t0) / 1000);
  const bootStorm50 = timed(RESTORE_BENCH_SPECS.bootStorm50, kernelEventsPerSecond);
  const massRestore1000 = timed(RESTORE_BENCH_SPECS.massRestore1000, kernelEventsPerSecond);
  return { kernelEventsPerSecond, bootStorm50, massRestore1000 };
}
