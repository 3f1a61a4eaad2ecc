import type { Simulation } from "../../kernel/simulation.ts";
import type { ModelDefinition } from "./definition.ts";
import type { BlockDevice, BlockRequest, CompletionCallback, DeviceCounters } from "./types.ts";
import type { DeviceDeclaration, DeviceEntry } from "./registry.ts";

/** Registry definition of a striped array (RAID-0 layout; parity is not modelled). */
export const stripedArrayDefinition: ModelDefinition = {
  name: "striped",
  description: "RAID-0 striping over member devices: a request is split at stripe-unit boundaries and completes when all parts have",
  parameters: {
    stripeUnit: { type: "size", description: "bytes per member before moving to the next", default: 1_048_576, minimum: 512 },
    members: { type: "integer", description: "number of member devices (each is built: at most 1024)", default: 4, minimum: 1, maximum: 1024 },
  },
};

/** One member's part of a request. */
export interface StripePart {
  member: number;
  offset: number;
  length: number;
}

/**
 * Splits a byte range into per-member parts of a RAID-0 layout, merging parts that are adjacent
 * on the same member.
 *
 * @example
 * stripeParts(0, 3 * 1024, 1024, 2)
 * // => [{ member: 0, offset: 0, length: 2048 }, { member: 1, offset: 0, length: 1024 }]
 */
export function stripeParts(offset: number, length: number, stripeUnit: number, members: number): StripePart[] {
  const parts: StripePart[] = [];
  const last = new Map<number, StripePart>();
  let position = offset;
  const end = offset + length;
  while (position < end) {
    const unit = Math.floor(position / stripeUnit);
    const within = position - unit * stripeUnit;
    const take = Math.min(stripeUnit - within, end - position);
    const member = unit % members;
    const memberOffset = Math.floor(unit / members) * stripeUnit + within;
    const previous = last.get(member);
    if (previous !== undefined && previous.offset + previous.length === memberOffset) previous.length += take;
    else {
      const part = { member, offset: memberOffset, length: take };
      parts.push(part);
      last.set(member, part);
    }
    position += take;
  }
  return parts;
}

/**
 * A RAID-0 array over member devices (typically HDDs). It has no queue of its own: parts go
 * straight to the members, which queue and schedule them. Flushes go to every member.
 *
 * @example
 * const disks = [0, 1, 2, 3].map((i) => new FixedLatencyDevice(sim, `ma1.disk${i}`, { latency: 1_000_000, parallelism: 1 }));
 * const array = new StripedArray(sim, "ma1.array", disks, { stripeUnit: 1 << 20 });
 * let doneAt = -1;
 * array.submit({ offset: 0, length: 4 << 20, op: "R" }, (c) => (doneAt = c.completedAt)); // one 1 MiB part per disk
 * sim.run();
 * doneAt // => 1000000 // the four parts in parallel
 */
export class StripedArray implements BlockDevice {
  readonly definition = stripedArrayDefinition;
  private outstandingCount = 0;
  private readonly tally: DeviceCounters = { requests: 0, completed: 0, bytesRead: 0, bytesWritten: 0, busyNs: 0, serviceNs: 0, latencyNs: 0 };
  private lastChange = 0;

  constructor(
    private readonly sim: Simulation,
    readonly name: string,
    readonly members: readonly BlockDevice[],
    readonly options: { stripeUnit: number },
  ) {
    if (members.length === 0) throw new Error(`${name} requires at least one member device`);
  }

  get outstanding(): number {
    return this.outstandingCount;
  }

  submit(request: BlockRequest, onComplete: CompletionCallback): void {
    const submittedAt = this.sim.now;
    const parts =
      request.op === "F" || request.length === 0
        ? this.members.map((_, member) => ({ member, offset: 0, length: 0 }))
        : stripeParts(request.offset, request.length, this.options.stripeUnit, this.members.length);
    this.account();
    this.outstandingCount++;
    this.tally.requests++;
    if (request.op === "R") this.tally.bytesRead += request.length;
    else if (request.op === "W") this.tally.bytesWritten += request.length;
    let left = parts.length;
    for (const part of parts) {
      const memberRequest: BlockRequest = { offset: part.offset, length: part.length, op: request.op, tag: request.tag };
      if (request.ioClass !== undefined) memberRequest.ioClass = request.ioClass;
      this.members[part.member].submit(memberRequest, () => {
        if (--left > 0) return;
        this.account();
        this.outstandingCount--;
        this.tally.completed++;
        this.tally.latencyNs += this.sim.now - submittedAt;
        onComplete({ request, submittedAt, startedAt: submittedAt, completedAt: this.sim.now });
      });
    }
  }

  /** Counters of the array as a whole (busy = at least one request outstanding). */
  counters(): DeviceCounters {
    this.account();
    return { ...this.tally };
  }

  private account(): void {
    const elapsed = this.sim.now - this.lastChange;
    if (this.outstandingCount > 0) {
      this.tally.busyNs += elapsed;
      this.tally.serviceNs += elapsed * this.outstandingCount;
    }
    this.lastChange = this.sim.now;
  }
}

/**
 * The striped array's registry entry (`device: striped`): `members` identical members built from
 * the `member` declaration (named `<name>.disk<i>`).
 *
 * @example
 * stripedArrayEntry.definition.parameters.member.devices // => ["hdd", "ssd"]
 */
export const stripedArrayEntry: DeviceEntry = {
  definition: {
    ...stripedArrayDefinition,
    parameters: {
      ...stripedArrayDefinition.parameters,
      member: { type: "device", devices: ["hdd", "ssd"], default: { device: "hdd" }, description: "the member device (default a 7.2k HDD)" },
    },
  },
  create: (spec, { sim, name, build }) => {
    const member = spec.member as DeviceDeclaration;
    const members = Array.from({ length: spec.members as number }, (_, i) => build(`${name}.disk${i}`, member));
    return new StripedArray(sim, name, members, { stripeUnit: spec.stripeUnit as number });
  },
  capacity: (spec, capacityOf) => (spec.members as number) * capacityOf(spec.member as DeviceDeclaration),
};
