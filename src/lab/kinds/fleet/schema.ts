/**
 * The scenario schema of `kind: fleet`: an estate declared compactly (host groups per site, size
 * distributions), VSAs and media agents by count, the balancing policy, rebalancing, reuse
 * before create, the jobs (backup, restore) and a failure schedule. Units are converted at load.
 */
import { z } from "zod";
import { balancingMeasureField, balancingPolicies, BY_PARAMETER_KEY } from "../../../policies/balancing/index.ts";
import { count, duration, durationAtLeast, positiveRate, positiveSize, size } from "../../../scenario/fields.ts";
import { relocationFields as restoreRelocationFields, relocationSection, restoreSchema } from "../restore/schema.ts";

const name = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, "a name of letters, digits, '_' or '-'");
const fraction = z.number().min(0).max(1);

const sizeDistribution = z.discriminatedUnion("distribution", [
  z.strictObject({ distribution: z.literal("constant"), value: size() }),
  z.strictObject({ distribution: z.literal("uniform"), min: size(), max: size() }),
  z.strictObject({ distribution: z.literal("lognormal"), median: size(), sigma: z.number().min(0).max(5) }),
]).superRefine((spec, ctx) => {
  if (spec.distribution === "uniform") maxAtLeastMin(spec, ctx);
});

/** A `{ min, max }` pair whose max is below its min: an issue at `max`. */
function maxAtLeastMin(range: { min: number; max: number }, ctx: z.core.$RefinementCtx): void {
  if (range.max < range.min) ctx.addIssue({ code: "custom", path: ["max"], message: `at least min (${range.min}), got ${range.max}` });
}

const site = z.strictObject({
  name,
  datacenters: count(100).default(1).meta({ description: "datacenters at the site" }),
  subnets: count(100).default(1).meta({ description: "subnets per datacenter; hosts are spread over them" }),
  datastores: count(1000).default(2).meta({ description: "datastores per datacenter; datastore k reachable from subnet k mod subnets" }),
  hosts: z
    .array(z.strictObject({ type: name.meta({ description: "VM/host type: OS or application" }), count: count(10_000), vms: count(1_000).meta({ description: "VMs per host" }) }))
    .min(1)
    .max(100),
});

// The restore kind's own field declarations (units, defaults, descriptions), reused as they are.
const restoreFields = restoreSchema.shape;
const bootTrace = restoreFields.vms.pick({ trace: true, serviceReady: true, threads: true, resume: true, replay: true, scale: true, profile: true, service: true });
const relocationFields = relocationSection({ streams: restoreRelocationFields.streams, rateLimit: restoreRelocationFields.rateLimit, readClass: restoreRelocationFields.readClass });

/**
 * `restore.pipeline`: restores drive the restore pipeline (src/restore) instead of the coarse
 * flow model: an instant restore is a live mount, a full restore copies every disk of the VM to
 * its datastore (relocation before power-on, parameters in `relocation`) and then boots. Every
 * field is the `kind: restore` field of the same name (`vms.allocated` applies to each disk);
 * counts and placement come from the fleet (its media agents, the VMs' hosts, the coordinator's
 * VSA and media agent), the disk from the VM's disks: a live mount's is the first (boot) disk, a
 * full restore's all of them end to end, each rounded up to whole chunks (vm-disks.ts).
 */
export const pipelineSchema = z
  .strictObject({
    chunkSize: restoreFields.chunkSize,
    vms: restoreFields.vms
      .pick({ blockSize: true, allocated: true, trace: true, serviceReady: true, threads: true, resume: true, replay: true, scale: true, profile: true, service: true })
      .extend({
        byType: z
          .record(name, bootTrace)
          .default({})
          .meta({ description: "boot trace, service-ready cut, working-set scale, profile and post-boot service phase per VM type (host group `type`); other types use `trace`, `serviceReady`, `scale`, `profile` and `service`" }),
      }),
    mediaAgents: restoreFields.mediaAgents
      .unwrap()
      .omit({ count: true, nicBandwidth: true, nicLatency: true })
      .prefault({})
      .meta({ description: "each fleet media agent's restore service (storage, cache, scheduler, cores); count, NIC and placement are the fleet's" }),
    hosts: restoreFields.hosts.unwrap().pick({ datastore: true }).prefault({}).meta({ description: "each hypervisor host's primary datastore (write area `primary`)" }),
    timeline: restoreFields.timeline
      .unwrap()
      .pick({ registerTime: true, powerOnTime: true })
      .prefault({})
      .meta({ description: "register and power-on after the mount (`restore.mountTime`); the VSA holds its task slot until power-on" }),
    prefetch: restoreFields.prefetch,
    writeArea: restoreFields.writeArea,
    // Optional, as relocation: a block without it parses (and hashes) as before.
    templates: z
      .record(
        name,
        z.strictObject({
          count: count(100_000).default(1).meta({ description: "templates of this VM type: the type's VMs, in estate order, are cloned from template 0, 1, ..., count − 1 in turn" }),
          sharedFraction: z.number().min(0).max(1).meta({ description: "fraction of a clone's chunks that are its template's in the dedup store (one copy, one cache entry per media agent); clones of different templates share none" }),
        }),
      )
      .optional()
      .meta({ description: "image diversity per VM type (host group `type`): VMs cloned from one template share a fraction of their chunks (restore/shared-chunks.ts); absent = every VM's chunks are its own" }),
    // Optional (defaults filled where it is used) so the parsed model, and the scenario hash, of a
    // block without it stay as they were.
    relocation: relocationFields
      .optional()
      .meta({ description: "full restores (`restore.mode: full`): how the copier moves every block of the VM's disks to its datastore before power-on (absent = the defaults)" }),
  })
  .meta({ description: "restores run the restore pipeline (instant: live mount, cache, I/O scheduler, secondary storage, real boot trace; full: every disk copied, then the boot from primary); absent = the coarse flow model (fast, for planning)" });

/** `restore.pipeline.relocation` with its defaults (`parse({})` gives them). */
export const pipelineRelocationSchema = relocationFields;
/** A full restore's copy parameters. */
export type FleetPipelineRelocation = z.output<typeof relocationFields>;

export const fleetSchema = z.strictObject({
  kind: z.literal("fleet"),
  sites: z.array(site).min(1).max(50),
  hosts: z
    .strictObject({
      spareCores: count(10_000).default(16).meta({ description: "cores a host can give to VSAs" }),
      spareRam: size().default(64 * 2 ** 30).meta({ description: "RAM a host can give to VSAs" }),
      nic: positiveRate().default(1.25e9).meta({ description: "host NIC, which an instant-restored VM reads its live-mounted disk through" }),
      nbdRate: positiveRate().default(150e6).meta({ description: "NBD (network block device) transport through a host when the VSA cannot hot-add" }),
    })
    .prefault({}),
  vms: z
    .strictObject({
      disks: z.strictObject({ min: count(64), max: count(64) }).superRefine(maxAtLeastMin).prefault({ min: 1, max: 1 }),
      diskSize: sizeDistribution.default({ distribution: "constant", value: 64 * 2 ** 30 }),
      changeRate: z.strictObject({ min: fraction, max: fraction }).superRefine(maxAtLeastMin).prefault({ min: 0.02, max: 0.02 }),
      bootWorkingSet: sizeDistribution.default({ distribution: "constant", value: 2 ** 30 }).meta({ description: "bytes an instant restore reads before the guest boots" }),
    })
    .prefault({}),
  datastores: z.strictObject({ rate: positiveRate().default(1e9).meta({ description: "datastore throughput" }) }).prefault({}),
  vsas: z
    .strictObject({
      count: count(10_000).meta({ description: "VSAs (proxy VMs) existing at job start" }),
      cores: count(256).default(8),
      ram: size().default(16 * 2 ** 30),
      ramPerTask: size().default(2 * 2 ** 30).meta({ description: "RAM per task slot (Veeam: 2 GB)" }),
      throughput: positiveRate().default(500e6).meta({ description: "a VSA's aggregate data rate" }),
      streamRate: positiveRate().default(150e6).meta({ description: "one task's (stream's) rate cap" }),
    }),
  mediaAgents: z.strictObject({
    count: count(1_000),
    nic: positiveRate().default(1.25e9),
    ingest: positiveRate().default(1e9).meta({ description: "backup write throughput (dedup, storage)" }),
    read: positiveRate().default(500e6).meta({ description: "restore read throughput (rehydration)" }),
    site: name.optional().meta({ description: "the site every media agent is at (where the backups are kept, e.g. a restore to a DR site reads them over the WAN); absent: spread over the sites in proportion to their VMs" }),
  }),
  network: z
    .strictObject({ wan: positiveRate().default(125e6), wanLatency: duration().default(20e6), lanLatency: duration().default(100e3) })
    .prefault({}),
  // `by` is the balancing registry's shared parameter, beside `options` (absent unless given, so the hash is unchanged).
  balancing: balancingPolicies
    .selection({
      default: "locality-first",
      options: "optional",
      omit: [BY_PARAMETER_KEY],
      description: "which VSA takes a task (balancing registry), the load measure and the policy's other options",
      fields: { by: balancingMeasureField() },
    })
    .prefault({}),
  rebalance: z
    .strictObject({
      enabled: z.boolean().default(true),
      interval: durationAtLeast(1e6, "1ms").default(10e9).meta({ description: "rebalancing check period (Veeam polls every 10 s)" }),
      tolerance: duration().default(300e9).meta({ description: "move work only when predicted finishes differ by more" }),
      crossSite: z.boolean().default(true).meta({ description: "may an idle VSA take work of another site" }),
    })
    .prefault({}),
  create: z
    .strictObject({
      mode: z.enum(["always-create", "reuse-only", "combined"]).default("reuse-only"),
      max: z.number().int().min(0).max(10_000).default(0).meta({ description: "VSAs that may be created" }),
      time: duration().default(600e9).meta({ description: "time to create a VSA VM" }),
      deadline: duration().default(8 * 3600e9).meta({ description: "combined mode: create only if no VSA finishes the task by then" }),
    })
    .prefault({}),
  backup: z.strictObject({ taskOverhead: duration().default(30e9).meta({ description: "snapshot and setup per task" }) }).optional(),
  restore: z
    .strictObject({
      vms: count(100_000),
      mode: z.enum(["instant", "full"]).default("instant"),
      mountTime: duration().default(30e9).meta({ description: "mount and register per VM (coarse model); the media agent's mount of the backup (pipeline)" }),
      serviceReady: duration().default(60e9).meta({ description: "coarse model: guest boot to service-ready after the working set is read (the pipeline replays the boot trace instead)" }),
      site: name.optional().meta({ description: "restore only VMs of this site" }),
      pipeline: pipelineSchema.optional(),
      coarseFit: z
        .string()
        .min(1)
        .optional()
        .meta({ description: "calibration file of the coarse model (`rtolab fleet calibrate` writes it beside the scenario; path relative to the scenario): per VM type working set and think time, VSA slot hold, media agent read rate fitted to the pipeline. Used when `pipeline` is absent" }),
    })
    .optional(),
  failures: z
    .array(z.strictObject({ phase: z.enum(["backup", "restore"]), at: duration(), target: z.enum(["vsa", "mediaAgent"]), index: z.number().int().min(0).max(100_000) }))
    .max(1_000)
    .default([]),
  chunk: positiveSize().default(2 ** 30).meta({ description: "transfer unit; progress is checkpointed per chunk" }),
  sampleInterval: durationAtLeast(1e6, "1ms").default(60e9).meta({ description: "utilisation table window" }),
});

/** A validated fleet model section. */
export type FleetModel = z.output<typeof fleetSchema>;
/** A validated `restore.pipeline` block. */
export type FleetPipelineModel = z.output<typeof pipelineSchema>;
