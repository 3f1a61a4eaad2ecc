/**
 * Where the time of the 10,000-VM mass restore goes (issue 18 item 4): its 100 partitions are
 * equal (same events, same fingerprint), so partition-sized runs in this thread stand for the
 * whole. Three measurements, one process:
 *
 * 1. **Growth**: CPU seconds of partitions 0..9 run one after another (the first pays the JIT
 *    warm-up and the trace loading); a cost that grew with the partitions run before would show.
 * 2. **Event kinds**: every executed event of one partition counted by its declared kind.
 * 3. **CPU profile**: V8's sampling profiler (node:inspector) over `profiled` partitions after
 *    warm-up, self time summed by component (the source file, {@link componentOf}). Self time
 *    of a function V8 inlined is its caller's, so small helpers count with whoever calls them.
 *
 * @example
 * npm run bench -- restore10000-profile
 */
import { Session } from "node:inspector";
import { dirname } from "node:path";
import { RngStreams } from "../src/kernel/rng.ts";
import { runRestorePartition } from "../src/lab/kinds/restore.ts";
import { buildRestoreWorld } from "../src/lab/kinds/restore/build.ts";
import { restorePartitions } from "../src/lab/kinds/restore/partitions.ts";
import { checkRequestsAccounted, restorePart } from "../src/lab/kinds/restore/results.ts";
import type { RestoreSpec } from "../src/lab/kinds/restore/schema.ts";
import { loadScenario } from "../src/lab/load.ts";
import { MASS_RESTORE_10000_SCENARIO } from "./restore.ts";

/** A component's share of the profiled CPU time. */
export interface ComponentShare {
  component: string;
  /** Share of the profile's samples, [0, 1]. */
  share: number;
  /** That share of a partition's (unprofiled) CPU time, per executed event, ns. */
  nsPerEvent: number;
}

/** The record written to results/bench/restore10000-profile.json. */
export interface RestoreProfileRecord {
  scenario: string;
  /** CPU seconds of partitions 0..9 run in turn in this thread (the first pays the warm-up). */
  growthCpuSeconds: number[];
  /** Mean of partitions 5..9 over mean of 1..4 (1: no growth). */
  growthRatio: number;
  eventsPerPartition: number;
  fingerprint: string;
  /** Executed events of one partition by kind, most first. */
  eventKinds: Record<string, number>;
  /** A partition's CPU seconds, unprofiled: the median of partitions 1..9 above. */
  cpuSecondsPerPartition: number;
  /** Partitions profiled, and their CPU seconds each under the profiler (median). */
  profiled: number;
  profiledCpuSecondsPerPartition: number;
  components: ComponentShare[];
  /** The 25 functions with the most self time: "share name file". */
  topFunctions: string[];
}

/**
 * The component a profiled function belongs to, from its source file (and its name, for the
 * kernel's fingerprint hash). Buckets follow issue 18's question: kernel, GC, dedup store, SSD
 * model, media-agent service, guest replay and I/O, relocation copier, network, metrics.
 *
 * @example
 * componentOf("file:///x/src/restore/relocation-copier.ts", "land") // => "relocation copier (+ block versions)"
 * componentOf("", "(garbage collector)") // => "garbage collector"
 */
export function componentOf(url: string, functionName: string): string {
  if (functionName === "(garbage collector)") return "garbage collector";
  if (functionName === "kindCode" || /kernel\/fingerprint\.ts$/.test(url) || /restore\/metrics\.ts$/.test(url)) return "fingerprint + latency metrics";
  const rules: [RegExp, string][] = [
    [/kernel\/(simulation|event-heap|events|process|typed-arrays)\.ts$/, "kernel (heap, dispatch, triggers)"],
    [/(models\/devices\/(dedup-store|chunk-placement|cpu-work)|kernel\/(resource|time-integral))\.ts$/, "dedup store (index, placement, decompression on cores)"],
    [/models\/devices\/(ssd|queued-device|background-limit)\.ts$/, "SSD model (device queue)"],
    [/(restore\/(media-agent-service|read-tracking|shared-chunks)|policies\/(cache|scheduling|prefetch)\/|(policies|contracts)\/io-class)/, "media-agent service (cache, read tracking, fetch scheduler, pre-stager)"],
    [/(workloads\/replay\/driver|restore\/(guest-io|write-area))\.ts$/, "guest replay + guest I/O"],
    [/(restore\/(relocation-copier|block-versions|copy-target)|policies\/relocation\/)/, "relocation copier (+ block versions)"],
    [/(restore\/transport|models\/network\/)/, "network (FIFO pipes)"],
    [/(workloads\/replay\/(predict|band|plan)|lab\/kinds\/restore\/results)\.ts$/, "end of run: TTS model bands, results"],
    [/\/src\//, "world building, other src"],
  ];
  for (const [pattern, component] of rules) if (pattern.test(url)) return component;
  return "node, tsx, idle";
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
/** A V8 CPU profile (node:inspector, `--cpu-prof`), the fields read here. */
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function post<T>(session: Session, method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
}

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Self time by component and by function of a V8 CPU profile. */
export function selfTimes(profile: CpuProfile): { total: number; byComponent: Map<string, number>; byFunction: Map<string, number> } {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byComponent = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i] ?? 0;
    const { functionName, url } = (nodes.get(profile.samples[i]) as ProfileNode).callFrame;
    const component = componentOf(url, functionName);
    const file = url.replace(/^.*\/(src|node_modules)\//, "$1/");
    byComponent.set(component, (byComponent.get(component) ?? 0) + delta);
    const name = `${functionName || "(anonymous)"} ${file}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + delta);
    total += delta;
  }
  return { total, byComponent, byFunction };
}

/**
 * Profiles the 10,000-VM mass restore partition by partition (see the module comment).
 *
 * @example
 * (await runRestoreProfileBench()).growthRatio // => about 1 (no growth)
 */
export async function runRestoreProfileBench(profiled = 3): Promise<RestoreProfileRecord> {
  const loaded = loadScenario(MASS_RESTORE_10000_SCENARIO);
  const spec = loaded.variants[0].scenario.model as RestoreSpec;
  const context = () => ({ replication: 0, streams: new RngStreams(`${loaded.scenario.seed}/0`), scenarioDir: dirname(MASS_RESTORE_10000_SCENARIO) });
  const growthCpuSeconds: number[] = [];
  for (let partition = 0; partition < 10; partition++) {
    const start = cpuSeconds();
    runRestorePartition(spec, context(), partition);
    growthCpuSeconds.push(cpuSeconds() - start);
  }
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  // Event kinds of partition 10, through the kernel's onEvent hook (as runRestorePartition runs it).
  const partitions = restorePartitions({ vms: spec.vms.count, agents: spec.mediaAgents.count, hosts: spec.hosts.count });
  const world = buildRestoreWorld(spec, context(), partitions[10]);
  const kinds = new Map<string, number>();
  world.sim.onEvent = (_time, _tag, kind) => kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  world.sim.run();
  checkRequestsAccounted(world);
  const part = restorePart(world);
  // The profile: partitions 11.. after the warm-up above.
  const session = new Session();
  session.connect();
  await post(session, "Profiler.enable");
  await post(session, "Profiler.setSamplingInterval", { interval: 250 });
  await post(session, "Profiler.start");
  const perPartition: number[] = [];
  for (let partition = 11; partition < 11 + profiled; partition++) {
    const start = cpuSeconds();
    runRestorePartition(spec, context(), partition);
    perPartition.push(cpuSeconds() - start);
  }
  const { profile } = await post<{ profile: CpuProfile }>(session, "Profiler.stop");
  session.disconnect();
  const { total, byComponent, byFunction } = selfTimes(profile);
  const cpuSecondsPerPartition = median(growthCpuSeconds.slice(1));
  const events = part.events;
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return {
    scenario: "scenarios/restore/mass-restore-10000.yaml",
    growthCpuSeconds,
    growthRatio: mean(growthCpuSeconds.slice(5)) / mean(growthCpuSeconds.slice(1, 5)),
    eventsPerPartition: events,
    fingerprint: part.fingerprint,
    eventKinds: Object.fromEntries(sorted(kinds)),
    cpuSecondsPerPartition,
    profiled,
    profiledCpuSecondsPerPartition: median(perPartition),
    components: sorted(byComponent).map(([component, time]) => ({ component, share: time / total, nsPerEvent: ((time / total) * cpuSecondsPerPartition * 1e9) / events })),
    topFunctions: sorted(byFunction).slice(0, 25).map(([name, time]) => `${((100 * time) / total).toFixed(1)}% ${name}`),
  };
}
