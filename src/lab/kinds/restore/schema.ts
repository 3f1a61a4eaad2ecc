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

const vmsSchema = z.strictObject({
  count: count(100_000).default(1).meta({ description: "VMs restored at once" }),
  startSpacing: duration("time between two VMs' restore requests (0 = all at once)").default(0),
  diskSize: size("virtual disk size").default(64 * 2 ** 30),
  blockSize: size("relocation and version-tracking block (a multiple of 4 KiB dividing the chunk size)").default(2 ** 20),
  allocated: size("allocated bytes at the start of the disk (the rest reads as zeros unless the trace touches it); default the whole disk").optional(),
  trace: z.string().min(1).meta({ description: "the guest's boot trace CSV, relative to the scenario file" }),
  serviceReady: duration("trace time of service ready in `trace`; the boot is replayed up to it"),
  vcpus: count(1024).default(2).meta({ description: "vCPUs of the guest the boot trace was recorded on (the replay model's threads rule, docs/replay.md); 2 for every shipped trace" }),
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
  service: z
    .strictObject({
      requests: count().default(10_000),
      meanGap: duration("mean gap between service requests").default(63_230_000),
      writeShare: z.number().min(0).max(1).default(0.59),
      hotSetBytes: size("hot set of the service").default(1.6 * 2 ** 30),
    })
    .optional()
    .meta({ description: "synthetic service workload after service ready (src/workloads/synthetic/service.ts, stream vms.<vm>.service)" }),
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
