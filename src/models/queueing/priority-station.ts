import { makeDistribution, type DistributionSpec } from "../../kernel/distribution-spec.ts";
import type { Distribution } from "../../kernel/distributions.ts";
import type { Rng, RngStreams } from "../../kernel/rng.ts";
import { Simulation, watchProgress, type EventHandle } from "../../kernel/simulation.ts";
import { TimeIntegral } from "../../kernel/time-integral.ts";
import { IndexDeque } from "./index-deque.ts";
import { customerProgress, drawNs, type QueueStationRunOptions } from "./station.ts";

/**
 * How the single server chooses: `non-preemptive` finishes the customer in service, then takes
 * the most important waiting class; `preemptive-resume` also evicts a less important customer
 * the moment a more important one arrives, and resumes it later where it stopped.
 */
export type PriorityDiscipline = "non-preemptive" | "preemptive-resume";

/** The disciplines, in the order the scenario schema lists them. */
export const PRIORITY_DISCIPLINES: readonly PriorityDiscipline[] = ["non-preemptive", "preemptive-resume"];

/** One customer class. Times are in nanoseconds. */
export interface PriorityClassOptions {
  /** Inter-arrival time distribution of this class (ns). */
  interarrival: DistributionSpec | Distribution;
  /** Service time distribution of this class (ns). */
  service: DistributionSpec | Distribution;
}

/** Options of a single-server priority station; `classes[0]` is the most important. */
export interface PriorityStationOptions {
  classes: readonly PriorityClassOptions[];
  discipline: PriorityDiscipline;
  /** Customers measured after the warm-up (N, all classes, counted in arrival order). */
  customers: number;
  /** Customers discarded first (W). Default 0. */
  warmUpCustomers?: number;
  /** Optional cap on simulated time (ns): stop there even if fewer than N were served. */
  horizonNs?: number;
}

/** What one class of a priority station measured. */
export interface PriorityClassResult {
  /** Mean time not in service (response − own service time) of measured customers (ns). */
  meanWaitNs: number;
  /** Mean time in system of measured customers (ns). */
  meanResponseNs: number;
  /** Time the server spent on this class / window length. */
  utilisation: number;
  /** Measured customers of this class that completed service. */
  customersServed: number;
}

/** What `runPriorityStation` measured over the window from the first measured arrival to the end. */
export interface PriorityStationResult {
  /** Per class, in priority order. */
  classes: PriorityClassResult[];
  /** Busy time / window length. */
  utilisation: number;
  /** Measured customers that completed service (all classes). */
  customersServed: number;
  /** Services interrupted by a more important arrival (in the window). */
  preemptions: number;
  /** Length of the measurement window (ns). */
  windowNs: number;
  /** Kernel events executed. */
  events: number;
  /** Event fingerprint (undefined unless requested). */
  fingerprint: string | undefined;
  /** Every start or resumption of service, in order (only with `trace`). */
  dispatches?: Dispatch[];
}

/** One start (or resumption after a preemption) of service: customer index in arrival order and time (ns). */
export interface Dispatch {
  customer: number;
  at: number;
}

/** Run-time switches that do not change the model. */
export interface PriorityStationRunOptions extends QueueStationRunOptions {
  /** Record `dispatches` (for tests on small runs). Default false. */
  trace?: boolean;
}

interface ClassState {
  readonly interarrival: Distribution;
  readonly service: Distribution;
  readonly arrivalRng: Rng;
  readonly serviceRng: Rng;
  readonly queue: IndexDeque;
  readonly busy: TimeIntegral;
  waitSum: number;
  responseSum: number;
  completed: number;
}

/** One run's state; handlers are arrow properties taking a class or customer index as data. */
class PriorityStation {
  private readonly arrivalTimes: number[] = [];
  private readonly classOf: number[] = [];
  private readonly serviceTimes: number[] = [];
  private readonly remaining: number[] = [];
  /** Customers arrived so far. */
  nextCustomer = 0;
  /** Customer in service, or -1. */
  private inService = -1;
  private serviceSince = 0;
  private departure: EventHandle = -1;
  completed = 0;
  preemptions = 0;
  readonly busy = new TimeIntegral(0);
  readonly dispatches: Dispatch[] | null;

  constructor(
    private readonly sim: Simulation,
    readonly classes: readonly ClassState[],
    private readonly preemptive: boolean,
    private readonly firstMeasured: number,
    private readonly endMeasured: number,
    trace: boolean,
  ) {
    this.dispatches = trace ? [] : null;
  }

  /** Start of the measurement window: the first measured arrival (or now if none yet). */
  windowStart(): number {
    return this.arrivalTimes[this.firstMeasured] ?? this.sim.now;
  }

  readonly arrive = (classIndex: number): void => {
    const sim = this.sim;
    const c = this.classes[classIndex];
    const index = this.nextCustomer++;
    // The size is drawn on arrival, so both disciplines see the same customers for one seed.
    const size = drawNs(c.service, c.serviceRng);
    this.arrivalTimes.push(sim.now);
    this.classOf.push(classIndex);
    this.serviceTimes.push(size);
    this.remaining.push(size);
    if (index === this.firstMeasured) {
      this.busy.reset(sim.now);
      for (const k of this.classes) k.busy.reset(sim.now);
      this.preemptions = 0;
    }
    if (this.inService < 0) this.startService(index);
    else if (this.preemptive && classIndex < this.classOf[this.inService]) {
      this.preempt();
      this.startService(index);
    } else c.queue.push(index);
    sim.schedule(drawNs(c.interarrival, c.arrivalRng), "priority-station.arrival", this.arrive, classIndex);
  };

  readonly depart = (index: number): void => {
    const sim = this.sim;
    const c = this.classes[this.classOf[index]];
    this.stopService();
    if (index >= this.firstMeasured && index < this.endMeasured) {
      const response = sim.now - this.arrivalTimes[index];
      c.responseSum += response;
      c.waitSum += response - this.serviceTimes[index];
      c.completed++;
      if (++this.completed === this.endMeasured - this.firstMeasured) sim.stop();
    }
    for (const k of this.classes) {
      if (k.queue.length > 0) {
        this.startService(k.queue.shift());
        return;
      }
    }
  };

  private startService(index: number): void {
    this.inService = index;
    this.serviceSince = this.sim.now;
    this.busy.set(this.sim.now, 1);
    this.classes[this.classOf[index]].busy.set(this.sim.now, 1);
    if (this.dispatches !== null) this.dispatches.push({ customer: index, at: this.sim.now });
    this.departure = this.sim.schedule(this.remaining[index], "priority-station.departure", this.depart, index);
  }

  private stopService(): void {
    this.busy.set(this.sim.now, 0);
    this.classes[this.classOf[this.inService]].busy.set(this.sim.now, 0);
    this.inService = -1;
  }

  /** Evicts the customer in service to the front of its class's queue, keeping its remaining work. */
  private preempt(): void {
    const victim = this.inService;
    this.sim.cancel(this.departure);
    this.remaining[victim] -= this.sim.now - this.serviceSince;
    this.stopService();
    this.classes[this.classOf[victim]].queue.unshift(victim);
    this.preemptions++;
  }
}

function validate(options: PriorityStationOptions, warmUp: number): void {
  const { classes, customers, discipline } = options;
  if (classes.length < 1) throw new Error("station.classes requires at least one class");
  if (!PRIORITY_DISCIPLINES.includes(discipline)) throw new Error(`station.discipline requires one of ${PRIORITY_DISCIPLINES.join(", ")}, got ${String(discipline)}`);
  if (!Number.isInteger(customers) || customers < 1) throw new Error(`station.customers requires a positive integer, got ${customers}`);
  if (!Number.isInteger(warmUp) || warmUp < 0) throw new Error(`station.warmUpCustomers requires a non-negative integer, got ${warmUp}`);
}

/**
 * Simulates a single-server queue with priority classes on the event kernel: class k's
 * customers arrive with its inter-arrival distribution (stream `"priority.class<k>.arrivals"`),
 * bring a service time from its service distribution (stream `"priority.class<k>.service"`),
 * and wait FIFO within their class; the server always takes the most important class waiting
 * (`classes[0]` first) and, under `preemptive-resume`, evicts a less important customer for a
 * more important arrival. The first `warmUpCustomers` arrivals are not measured; the run stops
 * when the N measured customers have all departed (or at `horizonNs`). Throws an Error on
 * invalid options.
 *
 * @example
 * const r = runPriorityStation(
 *   { classes: [{ interarrival: { kind: "exponential", mean: 3_333_333 }, service: { kind: "exponential", mean: 1_000_000 } },
 *               { interarrival: { kind: "exponential", mean: 2_000_000 }, service: { kind: "exponential", mean: 1_000_000 } }],
 *     discipline: "non-preemptive", customers: 200_000, warmUpCustomers: 1_000 },
 *   new RngStreams(7));
 * r.classes.map((c) => c.meanWaitNs) // ≈ [1.1e6, 5.8e6] // Cobham: 1 142 857 and 5 714 286, ρ = 0.8
 */
export function runPriorityStation(options: PriorityStationOptions, streams: RngStreams, run: PriorityStationRunOptions = {}): PriorityStationResult {
  const warmUp = options.warmUpCustomers ?? 0;
  validate(options, warmUp);
  const sim = new Simulation({ fingerprint: run.fingerprint === true });
  const classes: ClassState[] = options.classes.map((c, k) => ({
    interarrival: makeDistribution(c.interarrival),
    service: makeDistribution(c.service),
    arrivalRng: streams.stream(`priority.class${k}.arrivals`),
    serviceRng: streams.stream(`priority.class${k}.service`),
    queue: new IndexDeque(),
    busy: new TimeIntegral(0),
    waitSum: 0,
    responseSum: 0,
    completed: 0,
  }));
  const station = new PriorityStation(sim, classes, options.discipline === "preemptive-resume", warmUp, warmUp + options.customers, run.trace === true);
  // Every class's first arrival is one inter-arrival time after 0 (class order breaks ties).
  for (let k = 0; k < classes.length; k++) sim.schedule(drawNs(classes[k].interarrival, classes[k].arrivalRng), "priority-station.arrival", station.arrive, k);
  watchProgress(sim, run, () =>
    customerProgress({ arrived: station.nextCustomer, warmUp, completed: station.completed, customers: options.customers, now: sim.now, horizonNs: options.horizonNs }),
  );
  sim.run(options.horizonNs ?? Infinity);
  return {
    classes: classes.map((c) => ({
      meanWaitNs: c.completed > 0 ? c.waitSum / c.completed : 0,
      meanResponseNs: c.completed > 0 ? c.responseSum / c.completed : 0,
      utilisation: c.busy.mean(sim.now),
      customersServed: c.completed,
    })),
    utilisation: station.busy.mean(sim.now),
    customersServed: station.completed,
    preemptions: station.preemptions,
    windowNs: sim.now - station.windowStart(),
    events: sim.eventsExecuted,
    fingerprint: sim.fingerprint(),
    ...(station.dispatches !== null ? { dispatches: station.dispatches } : {}),
  };
}
