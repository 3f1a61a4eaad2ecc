/**
 * `kind: vm-boot`: boots one VM from a real boot trace (traces/README.md) replayed closed-loop
 * (docs/replay.md) against a disk on declared storage, cut at the trace's service-ready moment.
 * The result is the time to service (TTS) and the guest's read latencies. Reads go to the
 * storage (local, or remote behind a media agent across a link); writes go to a local SSD write
 * area (see `vm-boot/guest-disk.ts`).
 */
import { existsSync, statSync } from "node:fs";
import { z } from "zod";
import { Simulation } from "../../kernel/simulation.ts";
import { quantileOfSorted } from "../../metrics/statistics.ts";
import { duration } from "../../scenario/fields.ts";
import { resolveInScenarioFolder } from "../../util/paths.ts";
import { InputError } from "../../util/errors.ts";
import { startGuestReplay } from "../../workloads/replay/driver.ts";
import { bandReadings } from "../../workloads/replay/band.ts";
import { inferReplayPlan, openLoopPlan, REPLAY_DEFAULTS, type ReplayPlan, resumeOption } from "../../workloads/replay/plan.ts";
import { loadPlanFile } from "../../workloads/replay/plan-file.ts";
import type { TraceRequest } from "../../workloads/traces/types.ts";
import { detectTraceFormat, openTrace } from "../../workloads/traces/open.ts";
import type { MetricValue, ModelKind, ReplicationContext, ReplicationResult } from "../../contracts/model-kind.ts";
import { deviceSchema, linkSchema, mediaAgentSchema, ssdSchema } from "./storage-schema.ts";
import { GuestDisk } from "./vm-boot/guest-disk.ts";

const diskSchema = z
  .discriminatedUnion("attach", [
    z
      .strictObject({
        attach: z.literal("local"),
        storage: deviceSchema.prefault({ device: "ssd" }).meta({ description: "the device holding the disk image, attached to the host (default an NVMe SSD)" }),
      })
      .meta({ description: "disk on a device attached to the host" }),
    z
      .strictObject({
        attach: z.literal("remote"),
        storage: deviceSchema.meta({ description: "the media agent's backup storage holding the disk image" }),
        link: linkSchema.prefault({}).meta({ description: "network link between the host and the media agent, each direction (default 10 GbE, 50 µs)" }),
        mediaAgent: mediaAgentSchema.prefault({}).meta({ description: "the media agent serving the reads (its cores decompress dedup chunks)" }),
      })
      .meta({ description: "disk served by a media agent across a network link (instant recovery / live mount)" }),
  ])
  .prefault({ attach: "local" })
  .meta({ description: "where the VM's disk is: attach local or remote" });

const schema = z.strictObject({
  kind: z.literal("vm-boot"),
  trace: z.string().min(1).meta({ description: "boot trace with latencies (any format rtolab reads, detected from the file: an rtolab CSV t_us,op,offset,length,latency_us, nbdkit's log, …), relative to the scenario file, e.g. ../../traces/gboot1.csv" }),
  serviceReady: duration("trace time of the service-ready moment, e.g. \"35724121us\" (traces/README.md); requests after it are not replayed"),
  replay: z
    .enum(["closed-loop", "open-loop", "chain", "slack"])
    .default("closed-loop")
    .meta({ description: "closed-loop: the replay model (docs/replay.md), or the plan in replayPlan; open-loop: issued at trace times; chain / slack: the model band's two readings on their own" }),
  replayPlan: z.string().min(1).optional().meta({ description: "closed-loop: a replay plan file for `trace` from `rtolab replay calibrate` (relative to the scenario file); default the prior model" }),
  threads: z.int().min(1).max(1024).default(REPLAY_DEFAULTS.threads).meta({ description: "rule 3 of docs/replay.md: the guest's threads that each wait for their own reads; default 2, measured on the shipped boots (not their vCPUs: a blocked thread holds none)" }),
  resume: duration("rule 5 of docs/replay.md: how much later the recorded guest resumes after a wait on I/O of 1 ms or more, e.g. \"0us\" for a trace whose guest wakes at once; default 531us, measured on the shipped traces' recording host").optional(),
  disk: diskSchema,
  writeArea: ssdSchema.prefault({ device: "ssd" }).meta({ description: "local SSD receiving the guest's writes and flushes (redirect-on-write); default an NVMe SSD" }),
});

/** A parsed `vm-boot` model. */
export type VmBootSpec = z.output<typeof schema>;

const NS_PER_MS = 1e6;
const MIB = 2 ** 20;

/**
 * Percentiles of latencies in ns, as ms: metrics/statistics.ts's quantile (Hyndman–Fan type 7,
 * R's and numpy's default), exact over all values. Zeros when empty.
 *
 * @example
 * latencyPercentilesMs([1e6, 2e6, 3e6, 4e6]) // ≈ { p50: 2.5, p95: 3.85, p99: 3.97, max: 4 }
 */
export function latencyPercentilesMs(latenciesNs: readonly number[]): { p50: number; p95: number; p99: number; max: number } {
  if (latenciesNs.length === 0) return { p50: 0, p95: 0, p99: 0, max: 0 };
  const sorted = [...latenciesNs].sort((a, b) => a - b);
  const at = (p: number): number => quantileOfSorted(sorted, p) / NS_PER_MS;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted[sorted.length - 1] / NS_PER_MS };
}

/** Resolves the trace path against the scenario folder; an InputError naming `model.trace` if it is not a file. */
function tracePathOf(spec: VmBootSpec, context: ReplicationContext): string {
  const path = resolveInScenarioFolder(context.scenarioDir, context.scenarioFile ?? context.scenarioDir, "model.trace", spec.trace, context.dataDir);
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new InputError(path, "model.trace", `an existing boot trace (any format rtolab reads), relative to the scenario file's folder (got "${spec.trace}")`);
  }
  return path;
}

/**
 * Runs one boot: replays the trace up to service ready against the declared disk.
 *
 * @example
 * import { baseVariantOnly } from "../../scenario/load.ts";
 * const spec = baseVariantOnly(loadScenario("scenarios/boot/boot-one-vm.yaml")).variants[0].scenario.model as VmBootSpec;
 * const result = vmBootKind.runReplication(spec, { replication: 0, streams: new RngStreams("1/0"), scenarioDir: "scenarios/boot" });
 * result.metrics[0] // on a local SSD
 * // => { name: "tts", unit: "s", value: 35.77528232, lower: 35.724121, upper: 35.911141352, description: "time from power-on to service ready" }
 */
function runReplication(spec: VmBootSpec, context: ReplicationContext): ReplicationResult {
  const path = tracePathOf(spec, context);
  const requests = [...openTrace(path, detectTraceFormat(path))];
  const plan = replayPlanOf(spec, requests, context);
  const readyUs = spec.serviceReady / 1000;
  const sim = new Simulation({ fingerprint: true });
  const disk = new GuestDisk(sim, context.streams, spec.disk, stripDevice(spec.writeArea));
  const progressEvery = Math.max(1, Math.ceil(plan.count / 100));
  const replay = startGuestReplay(sim, {
    plan,
    name: "vm",
    milestones: { serviceReady: readyUs },
    stopAtUs: readyUs,
    submit: (index, done) =>
      disk.submit(plan.requests[index], () => {
        done();
        if (replay.completed % progressEvery === 0) context.onProgress?.(replay.completed / replay.total);
      }),
  });
  sim.run();
  const ttsNs = replay.milestoneNs("serviceReady");
  const band = replay.milestoneBandNs("serviceReady");
  if (ttsNs === undefined || band === undefined) throw new Error(`vm-boot: service ready at ${readyUs} µs was never reached (${replay.completed}/${replay.total} requests completed)`);
  const counters = disk.counters;
  const latency = latencyPercentilesMs(counters.readLatenciesNs);
  const fromStorage = disk.bytesReadFromStorage();
  const metrics: MetricValue[] = [
    { name: "tts", unit: "s", value: ttsNs / 1e9, lower: band.lower / 1e9, upper: band.upper / 1e9, description: "time from power-on to service ready" },
    { name: "readLatencyP50", unit: "ms", value: latency.p50, description: "guest read latency, median (R type 7)" },
    { name: "readLatencyP95", unit: "ms", value: latency.p95, description: "guest read latency, 95th percentile" },
    { name: "readLatencyP99", unit: "ms", value: latency.p99, description: "guest read latency, 99th percentile" },
    { name: "readLatencyMax", unit: "ms", value: latency.max, description: "guest read latency, maximum" },
    { name: "readsServed", unit: "reads", value: counters.readsServed, description: "guest reads completed" },
    { name: "readsFromWriteArea", unit: "reads", value: counters.readsFromWriteArea, description: "guest reads of data the guest had written" },
    { name: "bytesReadFromStorage", unit: "MiB", value: fromStorage / MIB, description: "read from the storage media (a dedup store's whole stored chunks)" },
    {
      name: "readAmplification",
      unit: "ratio",
      value: counters.guestBytesToStorage > 0 ? fromStorage / counters.guestBytesToStorage : 0,
      description: "bytes read from the storage media per byte the guest read from storage",
    },
    { name: "requestsReplayed", unit: "requests", value: replay.completed, description: "trace requests replayed (up to service ready)" },
    { name: "events", unit: "events", value: sim.eventsExecuted, description: "kernel events executed" },
  ];
  return { metrics, fingerprint: sim.fingerprint() ?? "", events: sim.eventsExecuted };
}

/** The plan the spec asks for: the prior model, a calibrated plan file, open loop, or one band reading. */
function replayPlanOf(spec: VmBootSpec, requests: TraceRequest[], context: ReplicationContext): ReplayPlan {
  if (spec.replay === "open-loop") return openLoopPlan(requests);
  const plan =
    spec.replayPlan === undefined
      ? inferReplayPlan(requests, { threads: spec.threads, ...resumeOption(spec.resume) })
      : loadPlanFile(
          resolveInScenarioFolder(context.scenarioDir, context.scenarioFile ?? context.scenarioDir, "model.replayPlan", spec.replayPlan, context.dataDir),
          requests,
          "model.replayPlan",
        );
  if (spec.replay === "chain") return bandReadings(plan).chain;
  if (spec.replay === "slack") return bandReadings(plan).slack;
  return plan;
}

function stripDevice<T extends { device: string }>(spec: T): Omit<T, "device"> {
  const { device: _, ...rest } = spec;
  return rest;
}

/**
 * The vm-boot model kind: TTS and read latency of one VM booting from a real trace on declared storage.
 *
 * @example
 * modelKinds.map((k) => k.kind) // => ["queue-station", "priority-station", "vm-boot", "fleet", "restore"]
 */
export const vmBootKind: ModelKind<VmBootSpec> = {
  kind: "vm-boot",
  description: "One VM booting from a real boot trace (closed-loop replay) on local or remote storage: time to service and read latencies",
  schema,
  runReplication,
};
