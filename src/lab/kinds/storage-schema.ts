/**
 * Scenario declarations of storage: block devices (discriminated on `device`), a network link
 * and a media agent, as zod schemas whose fields, defaults and descriptions come from each
 * model's `definition` in src/models. `buildDevice` turns a parsed declaration into a device.
 * Shared by the model kinds that put a disk somewhere (vm-boot, the restore pipeline).
 */
import { z } from "zod";
import type { Simulation } from "../../kernel/simulation.ts";
import type { ModelDefinition } from "../../models/devices/definition.ts";
import { devices } from "../../models/devices/index.ts";
import type { DeviceDeclaration, DeviceWiring } from "../../models/devices/registry.ts";
import type { BlockDevice, StreamSource } from "../../models/devices/types.ts";
import { mediaAgentDefinition } from "../../models/hosts/media-agent.ts";
import { linkDefinition } from "../../models/network/network.ts";

/**
 * Fields generated from model definitions, moved to util/definition-schema.ts (where the policy
 * registries generate theirs too); re-exported for the kinds that declare storage.
 *
 * @example
 * durationText(1_700_000) // => "1.7ms"
 */
export { durationText, numericField, numericFields, optionalNumericFields } from "../../util/definition-schema.ts";
import { numericFields } from "../../util/definition-schema.ts";

const describe = (definition: ModelDefinition) => ({ description: definition.description });

/** `device: ssd` — SSD/NVMe (src/models/devices/ssd.ts). */
export const ssdSchema = devices.schemaOf("ssd");

/** `device: hdd` — a hard disk from a spindle-speed preset, with optional overrides of the preset's figures. */
export const hddSchema = devices.schemaOf("hdd");

/** `device: striped` — RAID-0 over identical members (HDDs or SSDs). */
export const stripedSchema = devices.schemaOf("striped");

/**
 * A block device declaration, discriminated on `device`: every registered device (ssd, hdd,
 * striped, dedup, object-store, fixed, recorded, and any a library user registered before the
 * first scenario load). Fields and defaults are generated from the models' definitions.
 *
 * @example
 * deviceSchema.parse({ device: "hdd", rpm: 15000 }).scheduler // => "fifo"
 */
export const deviceSchema = devices.schema();

/** A parsed device declaration. */
export type DeviceSpec = DeviceDeclaration;

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

export type { DeviceWiring } from "../../models/devices/registry.ts";

/**
 * Builds the device a declaration describes, named `name` (also the prefix of its RNG streams).
 * A dedup store's underlying device is `<name>.underlying`; striped members `<name>.disk<i>`.
 *
 * @example
 * const streams = new RngStreams("example");
 * const disk = buildDevice(sim, streams, "vm.disk", deviceSchema.parse({ device: "ssd" }));
 * let completedAt = -1;
 * disk.submit({ offset: 0, length: 4096, op: "R" }, (done) => { completedAt = done.completedAt; });
 * sim.run();
 * completedAt // => 89472
 */
export function buildDevice(sim: Simulation, streams: StreamSource, name: string, spec: DeviceSpec, wiring: DeviceWiring = {}): BlockDevice {
  return devices.build(sim, streams, name, spec, wiring);
}

/**
 * Capacity in bytes of a declared device: an HDD's preset or override, an array's members', an
 * SSD's unbounded 1 PiB (the device registry's `capacity`).
 *
 * @example
 * capacityOf(hddSchema.parse({ device: "hdd", rpm: 15000 })) // => 600000000000
 */
export function capacityOf(spec: DeviceSpec): number {
  return devices.capacityOf(spec);
}
