import type { Simulation } from "../../kernel/simulation.ts";
import { withDefaults, type ModelDefinition } from "./definition.ts";
import { QueuedDevice, type QueuedRequest } from "./queued-device.ts";

/** Parameters of the recorded device. */
export interface RecordedOptions {
  /** Delay added to every request's recorded latency, ns (the what-if: "5 ms more per request"). */
  addedDelay: number;
  /** Service time of a request that has no recorded latency, ns. */
  missingLatency: number;
}

/** Registry definition of the recorded device. */
export const recordedDefinition: ModelDefinition = {
  name: "recorded",
  description: "Serves each trace request in its recorded latency plus an optional added delay",
  parameters: {
    addedDelay: { type: "duration", description: "delay added to every recorded latency", default: 0, minimum: 0 },
    missingLatency: { type: "duration", description: "service time when a request has no recorded latency", default: 0, minimum: 0 },
  },
};

/**
 * A device that replays what the trace recorded: each request completes `latencyUs·1000 +
 * addedDelay` ns after submission, with no queueing (the recording already contains it).
 *
 * @example
 * const dev = new RecordedDevice(sim, "vm1.disk", { addedDelay: 5_000_000 });
 * dev.submit({ offset: 0, length: 4096, op: "R", latencyUs: 250 }, cb); // completes at 5.25 ms
 */
export class RecordedDevice extends QueuedDevice {
  readonly definition = recordedDefinition;
  readonly options: RecordedOptions;

  constructor(sim: Simulation, name: string, options: Partial<RecordedOptions> = {}) {
    const full = withDefaults<RecordedOptions>(recordedDefinition, options);
    super(sim, name, { queueDepth: Number.MAX_SAFE_INTEGER, servers: Number.MAX_SAFE_INTEGER });
    this.options = full;
  }

  protected serve(entry: QueuedRequest, done: () => void): void {
    const recorded = entry.request.latencyUs;
    const base = recorded === undefined ? this.options.missingLatency : recorded * 1000;
    this.sim.schedule(Math.round(base + this.options.addedDelay), done);
  }
}
