/**
 * The device registry: one entry per block-device model (`{ definition, create }`, in the
 * model's own file; one line in ./index.ts). A scenario's `device: <name>` declaration, its
 * schema (defaults, units, nested devices) and `rtolab schema` are all generated from the
 * entries' definitions, so a device is declared once.
 */
import { z } from "zod";
import type { Resource } from "../../kernel/resource.ts";
import type { Simulation } from "../../kernel/simulation.ts";
import { modelFields } from "../../util/definition-schema.ts";
import type { ModelDefinition } from "../../util/definitions.ts";
import { InputError } from "../../util/errors.ts";
import type { Link, Network } from "../network/network.ts";
import { QueuedDevice, type ClassDispatch } from "./queued-device.ts";
import type { BlockDevice, StreamSource } from "./types.ts";

/** A parsed device declaration: `device` names the entry, the rest are its parameters. */
export interface DeviceDeclaration {
  device: string;
  [parameter: string]: unknown;
}

/** What a device may be wired to: the CPU that decompresses, the network path GET bodies take. */
export interface DeviceWiring {
  /** Cores for a dedup store's decompression (a media agent's); default its own `cores`. */
  cpu?: Resource;
  /** Network path of an object store's GET bodies (e.g. into a media agent's NIC). */
  route?: { network: Network; path: readonly Link[] };
  /**
   * Class-aware dispatch for the queues of the device and of the devices nested in it (an
   * array's members, a dedup store's underlying device): called once per queued device whose
   * queue forms (`QueuedDevice.dispatchesByClass`), with its name.
   */
  classDispatch?: (name: string) => ClassDispatch;
}

/** What a device entry's `create` receives besides its declaration. */
export interface DeviceContext {
  sim: Simulation;
  streams: StreamSource;
  /** The device's name, also the prefix of its random streams. */
  name: string;
  wiring: DeviceWiring;
  /** Builds a nested declaration (a dedup store's underlying device, an array's members). */
  build(name: string, spec: DeviceDeclaration): BlockDevice;
  /** Capacity in bytes of a nested declaration (see {@link DeviceEntry.capacity}). */
  capacityOf(spec: DeviceDeclaration): number;
}

/**
 * A device model as registered: its definition (name = the scenario's `device` value, every
 * parameter a declaration may set) and the factory. `capacity` says how many bytes a
 * declaration holds (default unbounded: 1 PiB), for stores placed on it.
 *
 * @example
 * const entry: DeviceEntry = { definition: fixedLatencyDefinition, create: (spec, c) => new FixedLatencyDevice(c.sim, c.name, spec) };
 */
export interface DeviceEntry {
  definition: ModelDefinition;
  /** `spec` is the output of the entry's generated schema: every parameter present or defaulted. */
  create(spec: DeviceDeclaration, context: DeviceContext): BlockDevice;
  capacity?(spec: DeviceDeclaration, capacityOf: (spec: DeviceDeclaration) => number): number;
}

/** Capacity of a declaration whose entry does not say: unbounded (1 PiB). */
const UNBOUNDED = 2 ** 50;

/**
 * The registry of device models. Schemas are generated on first use; register before loading a
 * scenario (a later registration throws, as it could not reach the generated schema).
 *
 * @example
 * import { ssdEntry } from "./ssd.ts";
 * const registry = new DeviceRegistry([ssdEntry]);
 * registry.schemaOf("ssd").parse({ device: "ssd" }).readLatency // => 80000
 */
export class DeviceRegistry {
  private readonly entries = new Map<string, DeviceEntry>();
  private readonly schemas = new Map<string, z.ZodObject>();
  private sealed = false;

  constructor(entries: readonly DeviceEntry[]) {
    for (const entry of entries) this.register(entry);
  }

  /**
   * Adds a device model under its definition's name; throws if taken or if a scenario schema of
   * devices was already generated.
   *
   * @example
   * import { fixedLatencyEntry } from "./fixed-latency.ts";
   * const devices = new DeviceRegistry([]);
   * devices.register(fixedLatencyEntry); devices.has("fixed") // => true
   */
  register(entry: DeviceEntry): void {
    const name = entry.definition.name;
    if (this.entries.has(name)) throw new Error(`device "${name}" registered twice`);
    if (this.sealed) throw new Error(`device "${name}" registered after a scenario schema was generated; register devices before loading a scenario`);
    this.entries.set(name, entry);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  definitions(): ModelDefinition[] {
    return [...this.entries.values()].map((entry) => entry.definition);
  }

  /** The entry of `name`; an InputError listing the devices when unknown. */
  get(name: string): DeviceEntry {
    const entry = this.entries.get(name);
    if (!entry) throw new InputError("device", name, `a device: one of ${this.names().join(", ")}`);
    return entry;
  }

  /**
   * The strict schema of one device's declaration (`device: <name>` plus its parameters with
   * the definition's defaults, nested devices as discriminated unions).
   *
   * @example
   * devices.schemaOf("fixed").parse({ device: "fixed", latency: "5ms" }) // => { device: "fixed", latency: 5000000, parallelism: 0 }
   */
  schemaOf(name: string): z.ZodType<DeviceDeclaration, unknown> {
    return this.objectOf(name) as unknown as z.ZodType<DeviceDeclaration, unknown>;
  }

  private objectOf(name: string): z.ZodObject {
    const cached = this.schemas.get(name);
    if (cached) return cached;
    const definition = this.get(name).definition;
    const schema = z
      .strictObject({ device: z.literal(name), ...modelFields(definition, { device: (names) => this.unionOf(names) }) })
      .meta({ description: definition.description });
    this.schemas.set(name, schema);
    return schema;
  }

  /** A declaration of one of `names` (a nested device parameter). */
  private unionOf(names: readonly string[]): z.ZodType {
    return z.discriminatedUnion("device", names.map((name) => this.objectOf(name)) as unknown as [z.ZodObject, ...z.ZodObject[]]);
  }

  /**
   * A declaration of any registered device, discriminated on `device`; generated when first
   * used, so devices registered before then are in it.
   *
   * @example
   * devices.schema().parse({ device: "hdd", rpm: 15000 }).scheduler // => "fifo"
   */
  schema(): z.ZodType<DeviceDeclaration, unknown> {
    return z
      .lazy(() => {
        this.sealed = true;
        return z.discriminatedUnion("device", this.names().map((name) => this.objectOf(name)) as unknown as [z.ZodObject, ...z.ZodObject[]]);
      })
      .meta({ description: `a block device: ${this.names().join(", ")}` }) as unknown as z.ZodType<DeviceDeclaration, unknown>;
  }

  /**
   * Builds the device `spec` declares, named `name` (also the prefix of its random streams).
   *
   * @example
   * import { ssdEntry } from "./ssd.ts";
   * const devices = new DeviceRegistry([ssdEntry]);
   * const disk = devices.build(sim, new RngStreams("example"), "vm.disk", devices.schema().parse({ device: "ssd" }));
   * disk.name // => "vm.disk"
   */
  build(sim: Simulation, streams: StreamSource, name: string, spec: DeviceDeclaration, wiring: DeviceWiring = {}): BlockDevice {
    const context: DeviceContext = {
      sim,
      streams,
      name,
      wiring,
      build: (nested, nestedSpec) => this.build(sim, streams, nested, nestedSpec, wiring.classDispatch === undefined ? {} : { classDispatch: wiring.classDispatch }),
      capacityOf: (nestedSpec) => this.capacityOf(nestedSpec),
    };
    const device = this.get(spec.device).create(spec, context);
    if (wiring.classDispatch !== undefined && device instanceof QueuedDevice && device.dispatchesByClass) device.useClassDispatch(wiring.classDispatch(name));
    return device;
  }

  /**
   * Capacity in bytes of a declaration (unbounded, 1 PiB, unless its entry says).
   *
   * @example
   * devices.capacityOf(devices.schemaOf("hdd").parse({ device: "hdd", rpm: 15000 })) // => 600000000000
   */
  capacityOf(spec: DeviceDeclaration): number {
    const entry = this.get(spec.device);
    return entry.capacity ? entry.capacity(spec, (nested) => this.capacityOf(nested)) : UNBOUNDED;
  }
}
