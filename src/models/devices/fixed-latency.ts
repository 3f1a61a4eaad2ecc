import type { Simulation } from "../../kernel/simulation.ts";
import { withDefaults, type ModelDefinition } from "./definition.ts";
import { QueuedDevice, type QueuedRequest } from "./queued-device.ts";
import type { DeviceDeclaration, DeviceEntry } from "./registry.ts";

/** Parameters of the fixed-latency device. */
export interface FixedLatencyOptions {
  /** Service time of every request, ns. */
  latency: number;
  /** Requests in service at once; 0 means unlimited. */
  parallelism: number;
}

/** Registry definition of the fixed-latency device. */
export const fixedLatencyDefinition: ModelDefinition = {
  name: "fixed",
  description: "Constant service time per request, with an optional limit on requests in service",
  parameters: {
    latency: { type: "duration", description: "service time of every request", default: 1_000_000, minimum: 0 },
    parallelism: { type: "integer", description: "requests in service at once (0 = unlimited)", default: 0, minimum: 0 },
  },
};

/**
 * A device that serves every request in exactly `latency` ns, `parallelism` at a time.
 *
 * @example
 * const dev = new FixedLatencyDevice(sim, "slow", { latency: 5_000_000, parallelism: 1 });
 * const done: number[] = [];
 * const read = { offset: 0, length: 4096, op: "R" as const };
 * dev.submit(read, (c) => done.push(c.completedAt)); dev.submit(read, (c) => done.push(c.completedAt));
 * sim.run();
 * done // => [5000000, 10000000] // completions at 5 ms and 10 ms
 */
export class FixedLatencyDevice extends QueuedDevice {
  readonly definition = fixedLatencyDefinition;
  readonly options: FixedLatencyOptions;

  constructor(sim: Simulation, name: string, options: Partial<FixedLatencyOptions> = {}) {
    const full = withDefaults<FixedLatencyOptions>(fixedLatencyDefinition, options);
    const servers = full.parallelism > 0 ? full.parallelism : Number.MAX_SAFE_INTEGER;
    super(sim, name, { queueDepth: servers, servers });
    this.options = full;
  }

  protected serve(_entry: QueuedRequest, done: () => void): void {
    this.sim.schedule(Math.round(this.options.latency), "fixed-latency.service", done);
  }
}

/**
 * The fixed-latency device's registry entry (`device: fixed`).
 *
 * @example
 * fixedLatencyEntry.definition.name // => "fixed"
 */
export const fixedLatencyEntry: DeviceEntry = {
  definition: fixedLatencyDefinition,
  create: ({ device: _, ...options }, { sim, name }) => new FixedLatencyDevice(sim, name, options as Partial<FixedLatencyOptions>),
};
