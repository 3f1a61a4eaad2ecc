import type { Rng } from "../../kernel/rng.ts";
import type { Simulation } from "../../kernel/simulation.ts";
import { InputError } from "../../util/errors.ts";
import { withDefaults, type ModelDefinition } from "./definition.ts";
import { DISK_SCHEDULERS, pickDiskRequest, type DiskScheduler } from "./disk-scheduling.ts";
import { SeekCurve, cylinderOf, revolutionNs, transferNs, type DiskLayout } from "./hdd-geometry.ts";
import { QueuedDevice, type QueuedRequest } from "./queued-device.ts";
import type { StreamSource } from "./types.ts";
import type { DeviceDeclaration, DeviceEntry } from "./registry.ts";

/** Parameters of a hard disk; times in ns, sizes in bytes, rates in bytes/s. */
export interface HddOptions {
  rpm: number;
  trackToTrackSeek: number;
  averageSeek: number;
  fullStrokeSeek: number;
  /**
   * Fixed cost of every non-sequential request (command processing, head settle, host stack), ns.
   * Not a datasheet figure: the presets set 1.7 ms so that random 4 KiB reads land on the
   * 72 / 100 / 150 IOPS rule of thumb (seek plus half a turn alone gives 79 / 133 / 181).
   */
  commandOverhead: number;
  capacity: number;
  cylinders: number;
  /** Sustained media rate at the outer and inner edge. */
  outerRate: number;
  innerRate: number;
  scheduler: DiskScheduler;
  /** Requests the drive accepts at once (NCQ/TCQ depth): what the scheduler reorders. */
  queueDepth: number;
  /** Interface bandwidth (SATA/SAS), bytes/s; 0 means unlimited. */
  bandwidth: number;
}

/**
 * Presets by spindle speed, with typical datasheet values (enterprise 3.5" 7.2k, 2.5" 10k and
 * 15k SAS drives: average read seek 8.5 / 4.5 / 3.5 ms). `commandOverhead` is calibrated, see
 * {@link HddOptions.commandOverhead}.
 */
export const HDD_PRESETS: Record<"7200" | "10000" | "15000", Partial<HddOptions>> = {
  "7200": { rpm: 7200, trackToTrackSeek: 1.0e6, averageSeek: 8.5e6, fullStrokeSeek: 18e6, capacity: 4e12, outerRate: 215e6, innerRate: 100e6 },
  "10000": { rpm: 10000, trackToTrackSeek: 0.3e6, averageSeek: 4.5e6, fullStrokeSeek: 9.5e6, capacity: 1.2e12, outerRate: 200e6, innerRate: 120e6 },
  "15000": { rpm: 15000, trackToTrackSeek: 0.2e6, averageSeek: 3.5e6, fullStrokeSeek: 7.5e6, capacity: 600e9, outerRate: 250e6, innerRate: 160e6 },
};

/** Registry definition of the HDD model; defaults are the 7.2k preset. */
export const hddDefinition: ModelDefinition = {
  name: "hdd",
  description: "Hard disk: seek curve from track-to-track/average/full-stroke, uniform rotational latency, zoned transfer, queue scheduler",
  parameters: {
    rpm: { type: "number", description: "spindle speed, revolutions per minute", default: 7200, minimum: 1 },
    trackToTrackSeek: { type: "duration", description: "seek to the adjacent cylinder", default: 1.0e6, minimum: 0 },
    averageSeek: { type: "duration", description: "mean seek between random positions", default: 8.5e6, minimum: 0 },
    fullStrokeSeek: { type: "duration", description: "seek across the whole stroke", default: 18e6, minimum: 0 },
    commandOverhead: { type: "duration", description: "fixed cost of a non-sequential request (calibrated)", default: 1.7e6, minimum: 0 },
    capacity: { type: "size", description: "capacity", default: 4e12, minimum: 1 },
    cylinders: { type: "integer", description: "number of cylinders", default: 200_000, minimum: 1 },
    outerRate: { type: "rate", description: "media transfer rate at the outer edge", default: 215e6, minimum: 1 },
    innerRate: { type: "rate", description: "media transfer rate at the inner edge", default: 100e6, minimum: 1 },
    scheduler: { type: "string", description: "queue scheduling policy", default: "fifo", enum: DISK_SCHEDULERS },
    queueDepth: { type: "integer", description: "requests the drive reorders at once (NCQ)", default: 32, minimum: 1 },
    bandwidth: { type: "rate", description: "interface bandwidth (0 = unlimited)", default: 600e6, minimum: 0 },
  },
};

/**
 * A hard disk with one actuator. A request's service time is `commandOverhead + seek(distance)
 * + rotational latency (uniform over one revolution, stream `<name>.rotation`) + transfer`; a
 * request that starts where the previous one ended is sequential and pays only the transfer
 * (the head is already there; read-ahead and write-back hide the command overhead).
 *
 * @example
 * const hdd = new Hdd(sim, "ma1.disk0", new RngStreams(1), { ...HDD_PRESETS["15000"], scheduler: "scan" });
 * let doneAt = -1;
 * hdd.submit({ offset: 123 * 4096, length: 4096, op: "R" }, (c) => (doneAt = c.completedAt));
 * sim.run();
 * doneAt // => 3733168
 */
export class Hdd extends QueuedDevice {
  readonly definition = hddDefinition;
  readonly options: HddOptions;
  readonly seekCurve: SeekCurve;
  private readonly layout: DiskLayout;
  private readonly rotation: Rng;
  private head = 0;
  private direction: 1 | -1 = 1;
  private nextSequentialOffset = -1;

  /** Throws an {@link InputError} on seek figures that admit no curve or an unknown scheduler. */
  constructor(sim: Simulation, name: string, streams: StreamSource, options: Partial<HddOptions> = {}) {
    const full = withDefaults<HddOptions>(hddDefinition, options);
    super(sim, name, { queueDepth: full.queueDepth, servers: 1, bandwidthBps: full.bandwidth });
    if (!DISK_SCHEDULERS.includes(full.scheduler)) {
      throw new InputError("scenario", `${name}.scheduler`, `one of ${DISK_SCHEDULERS.join(", ")}, got "${full.scheduler}"`);
    }
    this.options = full;
    try {
      this.seekCurve = new SeekCurve(
        { trackToTrackNs: full.trackToTrackSeek, averageNs: full.averageSeek, fullStrokeNs: full.fullStrokeSeek },
        full.cylinders,
      );
    } catch (error) {
      // Named "scenario" so the runner puts the scenario file in front (lab/run.ts namingTheFile).
      if (error instanceof InputError) throw new InputError("scenario", `${name} (hdd): trackToTrackSeek, averageSeek, fullStrokeSeek`, error.expected);
      throw error;
    }
    this.layout = { capacityBytes: full.capacity, cylinders: full.cylinders, outerRateBps: full.outerRate, innerRateBps: full.innerRate };
    this.rotation = streams.stream(`${name}.rotation`);
  }

  /** The cylinder the head is on. */
  get headCylinder(): number {
    return this.head;
  }

  protected override pick(): number {
    if (this.options.scheduler === "fifo") return 0;
    const cylinders = this.admitted.map((entry) => cylinderOf(this.layout, entry.request.offset));
    const choice = pickDiskRequest(this.options.scheduler, cylinders, this.head, this.direction);
    this.direction = choice.direction;
    return choice.index;
  }

  protected serve(entry: QueuedRequest, done: () => void): void {
    this.sim.schedule(this.serviceNs(entry.request.offset, entry.request.length, entry.request.op === "F"), "hdd.service", done);
  }

  /** Service time in integer ns of a request starting now at the head's position; moves the head. */
  private serviceNs(offset: number, length: number, flush: boolean): number {
    if (flush) return Math.round(this.options.commandOverhead);
    const cylinder = cylinderOf(this.layout, offset);
    let ns = transferNs(this.layout, cylinder, length);
    if (offset !== this.nextSequentialOffset) {
      ns += this.options.commandOverhead + this.seekCurve.seekNs(Math.abs(cylinder - this.head));
      ns += this.rotation.double() * revolutionNs(this.options.rpm);
    }
    this.head = cylinderOf(this.layout, offset + Math.max(0, length - 1));
    this.nextSequentialOffset = offset + length;
    return Math.round(ns);
  }
}

/** The preset figures a declaration may override; absent ones come from the `rpm` preset. */
const PRESET_KEYS = ["trackToTrackSeek", "averageSeek", "fullStrokeSeek", "capacity", "outerRate", "innerRate"] as const;

/**
 * The HDD's registry entry (`device: hdd`): a spindle-speed preset (HDD_PRESETS) with optional
 * overrides of its figures.
 *
 * @example
 * hddEntry.definition.parameters.rpm.enum // => [7200, 10000, 15000]
 */
export const hddEntry: DeviceEntry = {
  definition: {
    ...hddDefinition,
    description: `${hddDefinition.description}; figures not given come from the rpm preset`,
    parameters: {
      ...hddDefinition.parameters,
      rpm: {
        type: "integer",
        description: "spindle-speed preset (HDD_PRESETS): 7200, 10000 or 15000 rpm; sets seeks, capacity and media rates",
        default: 7200,
        enum: [7200, 10000, 15000],
      },
      ...Object.fromEntries(PRESET_KEYS.map((key) => [key, { ...hddDefinition.parameters[key], default: undefined, optional: true }])),
    },
  },
  create: ({ device: _, rpm, scheduler, ...options }, { sim, name, streams }) => {
    const overrides = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    return new Hdd(sim, name, streams, { ...HDD_PRESETS[String(rpm) as keyof typeof HDD_PRESETS], scheduler: scheduler as DiskScheduler, ...overrides });
  },
  capacity: (spec) => (spec.capacity as number | undefined) ?? (HDD_PRESETS[String(spec.rpm) as keyof typeof HDD_PRESETS].capacity as number),
};
