/**
 * The `kind: restore` scenario schema: VMs and their workload, media agents, hosts, network,
 * restore timeline, pre-staging, relocation and write area. Strategies are presets of these
 * fields, expressed as scenario `variants:`.
 */
import { z } from "zod";
import { prefetchPolicies } from "../../../policies/prefetch/index.ts";
import { relocationSchemes } from "../../../policies/relocation/index.ts";
import { schedulingPolicies } from "../../../policies/scheduling/index.ts";
import { cachePolicies } from "../../../policies/cache/index.ts";
import { count, duration, positiveDuration, positiveRate, rate, size } from "../../../scenario/fields.ts";
import { deviceQueuesDefinition } from "../../../models/devices/background-limit.ts";
import { modelFields } from "../../../util/definition-schema.ts";
import { deviceSchema, mediaAgentSchema } from "../storage-schema.ts";


const bootTrace = z.strictObject({
  file: z.string().min(1).meta({ description: "boot trace CSV, relative to the scenario file" }),
  serviceReady: duration("trace time of the service-ready moment, e.g. \"36524944us\""),
});

/** Defaults of the synthetic service phase (a `vms.service` without `trace`). */
const SYNTHETIC_SERVICE = { requests: 10_000, meanGap: 63_230_000, writeShare: 0.59, hotSetBytes: 1.6 * 2 ** 30 };

/** The synthetic service phase, as parsed: src/workloads/synthetic/service.ts. */
export interface SyntheticService {
  requests: number;
  meanGap: number;
  writeShare: number;
  hotSetBytes: number;
}

/** The trace-driven service phase, as parsed: a window of a recorded trace mapped onto the VM's disk. */
export interface TraceService {
  trace: string;
  /** Trace time the window starts at, ns. */
  from: number;
  /** Window length, ns; undefined = to the trace's end. */
  duration?: number;
  /** At most this many requests; undefined = every request in the window. */
  requests?: number;
  mapping: "modulo" | "scale";
  /** Rule 3's threads (docs/replay.md). */
  threads: number;
  /** Rule 5's resume cost, ns; undefined = the prior model's. */
  resume?: number;
}

const SYNTHETIC_ONLY = ["meanGap", "writeShare", "hotSetBytes"] as const;

// One object for both forms, so a file's errors name its own fields. Synthetic defaults are filled
// after parsing and only without `trace`, in the order they always had: a scenario without `trace`
// parses (and hashes) exactly as before.
const serviceSchema = z
  .strictObject({
    trace: z.string().min(1).optional().meta({ description: "a recorded trace (any format rtolab reads, detected from the file) replayed as the service phase, relative to the scenario file; without it the service phase is synthetic" }),
    from: duration("with `trace`: trace time the replayed window starts at (default 0)").optional(),
    duration: positiveDuration("with `trace`: length of the replayed window (default: to the trace's end)").optional(),
    requests: count().optional().meta({ description: "synthetic: number of requests (default 10000); with `trace`: at most this many of the window's requests (default all)" }),
    mapping: z.enum(["modulo", "scale"]).optional().meta({ description: "with `trace`: how recorded offsets land on the VM's disk: modulo = offset mod diskSize (locality kept), scale = offset × diskSize / the trace's extent (layout proportions kept); default modulo (src/workloads/traces/window.ts)" }),
    threads: count(1024).optional().meta({ description: "with `trace` that has latencies: the guest's threads that each wait for their own reads (rule 3 of docs/replay.md); default 2" }),
    resume: duration("with `trace` that has latencies: rule 5's resume cost of the recorded guest (docs/replay.md); default 531us").optional(),
    meanGap: duration("synthetic: mean gap between service requests (default 63.23 s)").optional(),
    writeShare: z.number().min(0).max(1).optional().meta({ description: "synthetic: share of writes (default 0.59)" }),
    hotSetBytes: size("synthetic: hot set of the service (default 1.6 GiB)").optional(),
  })
  .superRefine((s, ctx) => {
    if (s.trace !== undefined) {
      for (const key of SYNTHETIC_ONLY) if (s[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: "only for the synthetic service phase (without `trace`); a trace brings its own gaps, writes and offsets" });
    } else {
      for (const key of ["from", "duration", "mapping", "threads", "resume"] as const) if (s[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: "only with `trace` (the trace-driven service phase)" });
    }
  })
  .transform((s): SyntheticService | TraceService => {
    if (s.trace === undefined) {
      return { requests: s.requests ?? SYNTHETIC_SERVICE.requests, meanGap: s.meanGap ?? SYNTHETIC_SERVICE.meanGap, writeShare: s.writeShare ?? SYNTHETIC_SERVICE.writeShare, hotSetBytes: s.hotSetBytes ?? SYNTHETIC_SERVICE.hotSetBytes };
    }
    return {
      trace: s.trace, from: s.from ?? 0, ...(s.duration === undefined ? {} : { duration: s.duration }), ...(s.requests === undefined ? {} : { requests: s.requests }),
      mapping: s.mapping ?? "modulo", threads: s.threads ?? 2, ...(s.resume === undefined ? {} : { resume: s.resume }),
    };
  })
  .optional()
  .meta({ description: "service phase after service ready: synthetic (src/workloads/synthetic/service.ts, stream vms.<vm>.service) or, with `trace`, a window of a recorded trace replayed through the replay model (open loop without recorded latencies, closed loop with them)" });

/**
 * True when a parsed service phase is trace-driven.
 *
 * @example
 * isTraceService({ requests: 10, meanGap: 1e6, writeShare: 0.5, hotSetBytes: 4096 }) // => false
 */
export function isTraceService(service: SyntheticService | TraceService): service is TraceService {
  return "trace" in service;
}

const vmsSchema = z.strictObject({
  count: count(100_000).default(1).meta({ description: "VMs restored at once" }),
  startSpacing: duration("time between two VMs' restore requests (0 = all at once)").default(0),
  diskSize: size("virtual disk size").default(64 * 2 ** 30),
  blockSize: size("relocation and version-tracking block (a multiple of 4 KiB dividing the chunk size)").default(2 ** 20),
  allocated: size("allocated bytes at the start of the disk (the rest reads as zeros unless the trace touches it); default the whole disk").optional(),
  trace: z.string().min(1).meta({ description: "the guest's boot trace (any format rtolab reads, detected from the file), relative to the scenario file" }),
  serviceReady: duration("trace time of service ready in `trace`; the boot is replayed up to it"),
  threads: count(1024).default(2).meta({ description: "rule 3 of docs/replay.md: the guest's threads that each wait for their own reads; default 2, measured on the shipped boots (not their vCPUs: a blocked thread holds none)" }),
  resume: duration("rule 5 of docs/replay.md: how much later the recorded guest resumes after a wait on I/O of 1 ms or more, e.g. \"0us\" for a trace whose guest wakes at once; default 531us, measured on the shipped traces' recording host").optional(),
  replay: z.string().min(1).optional().meta({ description: "a replay plan file for `trace` from `rtolab replay calibrate` (relative to the scenario file); default the prior model" }),
  // Optional, no default: a scenario without it parses (and hashes) as before.
  scale: z.number().positive().max(64).optional().meta({ description: "working-set scale of `trace` and the profile traces: every request's offset and length times this factor, times and order kept (src/workloads/traces/scale.ts), e.g. 3.7 for a Windows Server boot from a Linux trace; default 1" }),
  // Optional, no default: a scenario without it parses (and hashes) as before.
  templates: z
    .strictObject({
      count: count(100_000).default(1).meta({ description: "templates: VM i is a clone of template i mod count" }),
      sharedFraction: z.number().min(0).max(1).meta({ description: "fraction of a clone's chunks that are its template's in the dedup store (one copy, one cache entry per media agent; restore/shared-chunks.ts); clones of different templates share none" }),
    })
    .optional()
    .meta({ description: "image diversity: VMs cloned from templates share chunks (src/lab/kinds/restore/templates.ts); absent = every VM's chunks are its own" }),
  profile: z
    .strictObject({
      traces: z.array(bootTrace).default([]).meta({ description: "earlier boots to learn the operational profile from" }),
      file: z.string().optional().meta({ description: "a saved profile (rtolab profile learn), instead of traces" }),
    })
    .default({ traces: [] })
    .meta({ description: "the VM's operational profile, for `prefetch.policy: profile` and `relocation.scheme: hot-first`" }),
  service: serviceSchema,
});

const mediaAgentsSchema = mediaAgentSchema.extend({
  count: count(10_000).default(1).meta({ description: "media agents; VM i is served by media agent i mod count" }),
  storage: deviceSchema.prefault({ device: "dedup" }).meta({ description: "secondary storage holding the backups" }),
  // `options` stays absent when not given, so the parsed scenario (and its hash) of a file without it is unchanged.
  cache: cachePolicies
    .selection({
      default: "lru",
      options: "optional",
      description: "the read cache: size, replacement policy (cache registry) and its options",
      fields: {
        size: size("read cache capacity").default(20 * 2 ** 30),
        evictRelocatedFirst: z.boolean().default(true).meta({ description: "evict chunks already relocated first" }),
        hitLatency: duration("time to serve a chunk from the cache").default(100_000),
      },
    })
    .prefault({}),
  scheduler: schedulingPolicies
    .selection({ default: "strict-priority", description: "I/O scheduling policy (scheduling registry) and its options (e.g. maxWaitNs, demandWeight)" })
    .prefault({}),
  deviceQueues: schedulingPolicies
    .selection({
      default: "strict-priority",
      options: "default",
      fields: modelFields(deviceQueuesDefinition),
      description: "class-aware dispatch in the queues of the secondary storage's devices (where requests wait: an array's disks, an HDD, an object store): the scheduling policy (scheduling registry) ordering them, and the bound on background requests inside each device (docs/parameters.md, device-queues); absent = arrival order",
    })
    .optional(),
  fetchSlots: count(100_000).default(32).meta({ description: "chunk fetches from secondary storage in progress at once" }),
  backgroundSlots: z.number().int().min(0).max(100_000).default(0).meta({ description: "most slots pre-stage and relocation fetches may hold, the rest kept for demand (0 = no cap)" }),
});

const hostsSchema = z.strictObject({
  count: count(10_000).default(1).meta({ description: "hypervisor hosts; VM i runs on host i mod count" }),
  datastore: deviceSchema.prefault({ device: "ssd" }).meta({ description: "primary datastore of each host" }),
  nicBandwidth: positiveRate("NIC bandwidth per direction").default(3.125e9),
  nicLatency: duration("NIC latency per direction").default(5_000),
});

/** The relocation section's fields besides `scheme` and `options` (the fleet's pipeline reuses some). */
export const relocationFields = {
  start: z.enum(["before-power-on", "with-power-on", "after-service-ready", "never"]).default("never").meta({ description: "before-power-on = full restore, then boot from primary" }),
  streams: count(1024).default(4),
  rateLimit: rate("bytes/s over all streams (0 = unlimited)").default(0),
  readClass: z.enum(["relocation", "demand"]).default("relocation").meta({ description: "scheduler class of the copier's reads; demand = block-stream style (shares the demand path)" }),
  prestageWindow: z.number().int().min(0).max(1e9).default(0).meta({ description: "chunks pre-staged ahead of the copier (relocation-aware); 0 = off" }),
};

/**
 * A relocation section: `scheme` (relocation registry, default sequential) with its strict
 * `options`, plus `fields` (some of {@link relocationFields}).
 *
 * @example
 * relocationSection({ streams: relocationFields.streams }).parse({}) // => { scheme: "sequential", options: {}, streams: 4 }
 */
export function relocationSection<F extends z.ZodRawShape>(fields: F) {
  return relocationSchemes.selection({ key: "scheme", default: "sequential", fields, description: "copy order (relocation registry) and its options" });
}

/** The `kind: restore` model schema. */
export const restoreSchema = z.strictObject({
  kind: z.literal("restore"),
  chunkSize: size("cache and fetch unit at the media agent (a dedup store's chunk size must match)").default(4 * 2 ** 20),
  vms: vmsSchema,
  mediaAgents: mediaAgentsSchema.prefault({}),
  hosts: hostsSchema.prefault({}),
  network: z
    .strictObject({ sharing: z.enum(["max-min", "fifo"]).default("max-min").meta({ description: "max-min fair flows, or FIFO pipes (fast, for mass restores)" }) })
    .prefault({}),
  timeline: z
    .strictObject({
      mountTime: duration("media agent exposes the backup").default(5e9),
      registerTime: duration("VM registered on the host").default(2e9),
      powerOnTime: duration("power-on until the guest's first I/O").default(1e9),
    })
    .prefault({}),
  prefetch: prefetchPolicies
    // relocation-aware is the copier's companion (relocation.prestageWindow), not a boot policy.
    .selection({ default: "none", exclude: ["relocation-aware"], description: "boot pre-staging policy (prefetch registry) and its options, in chunks (e.g. lead, maxWindow)" })
    .prefault({}),
  relocation: relocationSection(relocationFields).prefault({}),
  writeArea: z
    .strictObject({
      location: z.enum(["mediaAgent", "primary"]).default("mediaAgent"),
      device: deviceSchema.prefault({ device: "ssd" }).meta({ description: "the media agent's write-area device (location mediaAgent)" }),
    })
    .prefault({}),
  metricsWindow: positiveDuration("width of the time windows of the tables").default(1e9),
  /** Test-only: guest writes to primary are not marked (broken mirror rule). */
  unsafeSkipMirrorMarks: z.boolean().default(false).meta({ description: "TEST ONLY: break the mirror rule to check the invariant check" }),
});

/** A parsed restore scenario model. */
export type RestoreSpec = z.output<typeof restoreSchema>;
