/**
 * Scenario declarations of storage: block devices (discriminated on `device`), a network link
 * and a media agent, as zod schemas whose fields, defaults and descriptions come from each
 * model's `definition` in src/models. `buildDevice` turns a parsed declaration into a device.
 * Shared by the model kinds that put a disk somewhere (vm-boot, the restore pipeline).
 */
import { z } from "zod";
import type { Resource } from "../../kernel/resource.ts";
import type { Simulation } from "../../kernel/simulation.ts";
import { DedupStore, dedupStoreDefinition } from "../../models/devices/dedup-store.ts";
import type { ModelDefinition } from "../../models/devices/definition.ts";
import { FixedLatencyDevice, fixedLatencyDefinition } from "../../models/devices/fixed-latency.ts";
import { HDD_PRESETS, Hdd, hddDefinition } from "../../models/devices/hdd.ts";
import { ObjectStore, objectStoreDefinition } from "../../models/devices/object-store.ts";
import { RecordedDevice, recordedDefinition } from "../../models/devices/recorded.ts";
import { Ssd, ssdDefinition } from "../../models/devices/ssd.ts";
import { StripedArray, stripedArrayDefinition } from "../../models/devices/striped-array.ts";
import type { BlockDevice, StreamSource } from "../../models/devices/types.ts";
import { mediaAgentDefinition } from "../../models/hosts/media-agent.ts";
import { linkDefinition, type Link, type Network } from "../../models/network/network.ts";
import { duration, rate, size } from "../../scenario/fields.ts";

/**
 * Fields generated from model definitions, moved to util/definition-schema.ts (where the policy
 * registries generate theirs too); re-exported for the kinds that declare storage.
 *
 * @example
 * durationText(1_700_000) // => "1.7ms"
 */
export { durationText, numericField, numericFields, optionalNumericFields } from "../../util/definition-schema.ts";
import { numericFields, optionalNumericFields } from "../../util/definition-schema.ts";

const describe = (definition: ModelDefinition) => ({ description: definition.description });

/** `device: ssd` — SSD/NVMe (src/models/devices/ssd.ts). */
export const ssdSchema = z
  .strictObject({
    device: z.literal("ssd"),
    ...numericFields(ssdDefinition, ["readLatency", "writeLatency", "flushLatency", "channelRate", "channels", "queueDepth", "bandwidth"]),
  })
  .meta(describe(ssdDefinition));

const HDD_PRESET_KEYS = ["trackToTrackSeek", "averageSeek", "fullStrokeSeek", "capacity", "outerRate", "innerRate"] as const;

/** `device: hdd` — a hard disk from a spindle-speed preset, with optional overrides of the preset's figures. */
export const hddSchema = z
  .strictObject({
    device: z.literal("hdd"),
    rpm: z
      .union([z.literal(7200), z.literal(10000), z.literal(15000)])
      .default(7200)
      .meta({ description: "spindle-speed preset (HDD_PRESETS): 7200, 10000 or 15000 rpm; sets seeks, capacity and media rates (default 7200)" }),
    scheduler: z
      .enum(hddDefinition.parameters.scheduler.enum as [string, ...string[]])
      .default(hddDefinition.parameters.scheduler.default as string)
      .meta({ description: `${hddDefinition.parameters.scheduler.description} (default ${hddDefinition.parameters.scheduler.default})` }),
    ...numericFields(hddDefinition, ["commandOverhead", "cylinders", "queueDepth", "bandwidth"]),
    ...optionalNumericFields(hddDefinition, HDD_PRESET_KEYS),
  })
  .meta({ description: `${hddDefinition.description}; figures not given come from the rpm preset` });

/** `device: striped` — RAID-0 over identical members (HDDs or SSDs). */
export const stripedSchema = z
  .strictObject({
    device: z.literal("striped"),
    ...numericFields(stripedArrayDefinition, ["members", "stripeUnit"]),
    member: z.discriminatedUnion("device", [hddSchema, ssdSchema]).prefault({ device: "hdd" }).meta({ description: "the member device (default a 7.2k HDD)" }),
  })
  .meta(describe(stripedArrayDefinition));

/** `device: dedup` — a dedup store over an HDD, an SSD or a striped array; decompresses on the media agent's cores when behind one. */
export const dedupSchema = z
  .strictObject({
    device: z.literal("dedup"),
    ...numericFields(dedupStoreDefinition, ["chunkSize", "compressionRatio", "indexLookup", "decompressionRate", "cores", "fragmentation", "queueDepth"]),
    coalesce: z.boolean().default(false).meta({ description: `${dedupStoreDefinition.parameters.coalesce.description} (default false)` }),
    underlying: z
      .discriminatedUnion("device", [hddSchema, ssdSchema, stripedSchema])
      .prefault({ device: "hdd" })
      .meta({ description: "where the chunks are stored (default a 7.2k HDD)" }),
  })
  .meta({ description: `${dedupStoreDefinition.description}; \`cores\` is ignored behind a media agent (its cores decompress)` });

/** `device: object-store` — S3-like ranged GETs. */
export const objectStoreSchema = z
  .strictObject({
    device: z.literal("object-store"),
    ...numericFields(objectStoreDefinition, ["firstByteMedian", "firstByteSigma", "connectionRate", "connections", "requestRate", "requestBurst"]),
  })
  .meta(describe(objectStoreDefinition));

/** `device: fixed` — constant service time. */
export const fixedSchema = z
  .strictObject({ device: z.literal("fixed"), ...numericFields(fixedLatencyDefinition, ["latency", "parallelism"]) })
  .meta(describe(fixedLatencyDefinition));

/** `device: recorded` — each trace request in its recorded latency (plus a delay), optionally behind a FIFO bandwidth limit. */
export const recordedSchema = z
  .strictObject({ device: z.literal("recorded"), ...numericFields(recordedDefinition, ["addedDelay", "missingLatency", "bandwidth"]) })
  .meta(describe(recordedDefinition));

/**
 * A block device declaration, discriminated on `device`: ssd, hdd, striped, dedup, object-store,
 * fixed, recorded. Defaults are the models' own.
 *
 * @example
 * deviceSchema.parse({ device: "hdd", rpm: 15000 }).scheduler // => "fifo"
 */
export const deviceSchema = z
  .discriminatedUnion("device", [ssdSchema, hddSchema, stripedSchema, dedupSchema, objectStoreSchema, fixedSchema, recordedSchema])
  .meta({ description: "a block device: ssd, hdd, striped, dedup, object-store, fixed or recorded" });

/** A parsed device declaration. */
export type DeviceSpec = z.output<typeof deviceSchema>;

/**
 * One network link (each direction gets these figures; defaults 10 GbE, 50 µs).
 *
 * @example
 * linkSchema.parse({ bandwidth: "10Gbit/s" }) // => { bandwidth: 1250000000, latency: 50000 }
 */
export const linkSchema = z.strictObject(numericFields(linkDefinition, ["bandwidth", "latency"])).meta(describe(linkDefinition));

/** A parsed link declaration. */
export type LinkSpec = z.output<typeof linkSchema>;

/**
 * A media agent: cores (shared by decompression and hashing), CPU rates and NIC.
 *
 * @example
 * mediaAgentSchema.parse({}).cores // => 16
 */
export const mediaAgentSchema = z
  .strictObject(numericFields(mediaAgentDefinition, ["cores", "decompressionRate", "hashRate", "nicBandwidth", "nicLatency"]))
  .meta(describe(mediaAgentDefinition));

/** A parsed media agent declaration. */
export type MediaAgentSpec = z.output<typeof mediaAgentSchema>;

/** What a device may be wired to: the CPU that decompresses, the network path GET bodies take. */
export interface DeviceWiring {
  /** Cores for a dedup store's decompression (a media agent's); default its own `cores`. */
  cpu?: Resource;
  /** Network path of an object store's GET bodies (e.g. into a media agent's NIC). */
  route?: { network: Network; path: readonly Link[] };
}

/**
 * Builds the device a declaration describes, named `name` (also the prefix of its RNG streams).
 * A dedup store's underlying device is `<name>.underlying`; striped members `<name>.disk<i>`.
 *
 * @example
 * const disk = buildDevice(sim, streams, "vm.disk", deviceSchema.parse({ device: "ssd" }));
 * disk.submit({ offset: 0, length: 4096, op: "R" }, done); // 88.192 µs later
 */
export function buildDevice(sim: Simulation, streams: StreamSource, name: string, spec: DeviceSpec, wiring: DeviceWiring = {}): BlockDevice {
  switch (spec.device) {
    case "ssd": {
      const { device: _, ...options } = spec;
      return new Ssd(sim, name, options);
    }
    case "hdd": {
      const { device: _, rpm, scheduler, ...options } = spec;
      const overrides = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
      return new Hdd(sim, name, streams, { ...HDD_PRESETS[String(rpm) as keyof typeof HDD_PRESETS], scheduler: scheduler as Hdd["options"]["scheduler"], ...overrides });
    }
    case "striped": {
      const members = Array.from({ length: spec.members }, (_, i) => buildDevice(sim, streams, `${name}.disk${i}`, spec.member));
      return new StripedArray(sim, name, members, { stripeUnit: spec.stripeUnit });
    }
    case "dedup": {
      const { device: _, underlying, ...options } = spec;
      const store = buildDevice(sim, streams, `${name}.underlying`, underlying);
      return new DedupStore(sim, name, streams, store, { ...options, underlyingCapacity: capacityOf(underlying) }, wiring.cpu);
    }
    case "object-store": {
      const { device: _, ...options } = spec;
      return new ObjectStore(sim, name, streams, options, wiring.route ?? null);
    }
    case "fixed": {
      const { device: _, ...options } = spec;
      return new FixedLatencyDevice(sim, name, options);
    }
    case "recorded": {
      const { device: _, ...options } = spec;
      return new RecordedDevice(sim, name, options);
    }
  }
}

/**
 * Capacity in bytes of a declared HDD, SSD (unbounded: 1 PiB) or striped array.
 *
 * @example
 * capacityOf(hddSchema.parse({ device: "hdd", rpm: 15000 })) // => 600000000000
 */
export function capacityOf(spec: z.output<typeof hddSchema> | z.output<typeof ssdSchema> | z.output<typeof stripedSchema>): number {
  if (spec.device === "hdd") return spec.capacity ?? (HDD_PRESETS[String(spec.rpm) as keyof typeof HDD_PRESETS].capacity as number);
  if (spec.device === "striped") return spec.members * capacityOf(spec.member);
  return 2 ** 50;
}
