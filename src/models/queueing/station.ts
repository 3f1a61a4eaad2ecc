import { makeDistribution, type DistributionSpec } from "../../kernel/distribution-spec.ts";
import type { Distribution } from "../../kernel/distributions.ts";
import type { Rng, RngStreams } from "../../kernel/rng.ts";
import { Simulation, watchProgress, type ProgressOptions } from "../../kernel/simulation.ts";
import { TimeIntegral } from "../../kernel/time-integral.ts";
import { IndexDeque } from "./index-deque.ts";
import { InputError } from "../../util/errors.ts";

/** Options of a G/G/c FIFO queue station. Times are in nanoseconds. */
export interface QueueStationOptions {
  /** Inter-arrival time distribution (ns). */
  interarrival: DistributionSpec | Distribution;
  /** Service time distribution (ns). */
  service: DistributionSpec | Distribution;
  /** Number of servers c (a positive integer). */
  servers: number;
  /** Customers measured after the warm-up (N). */
  customers: number;
  /** Customers discarded first (W). Default 0. */
  warmUpCustomers?: number;
  /** Optional cap on simulated time (ns): stop there even if fewer than N were served. */
  horizonNs?: number;
}

/** What `runQueueStation` measured over the window from the first measured arrival to the end. */
export interface QueueStationResult {
  /** Mean time in queue of measured customers (ns). */
  meanWaitNs: number;
  /** Mean time in system (wait + service) of measured customers (ns). */
  meanResponseNs: number;
  /** Busy server-time / (servers × window length). */
  utilisation: number;
  /** Time-average number waiting. */
  meanInQueue: number;
  /** Time-average number in system. */
  meanInSystem: number;
  /** Measured customers that completed service. */
  customersServed: number;
  /** Length of the measurement window (ns). */
  windowNs: number;
  /** Kernel events executed. */
  events: number;
  /** Event fingerprint (undefined unless requested). */
  fingerprint: string | undefined;
}

/**
 * Run-time switches that do not change the model; `onProgress` hears {@link customerProgress}
 * every `progressEvery` events (kernel/simulation.ts `watchProgress`).
 */
export interface QueueStationRunOptions extends ProgressOptions {
  /** Compute the kernel fingerprint. Default false. */
  fingerprint?: boolean;
}

/** The longest delay a station schedules (2^50 ns ≈ 13 days), so `now + delay` stays an exact integer. */
const MAX_DRAW_NS = 2 ** 50;

/**
 * One draw of `dist` as a kernel delay: rounded to integer ns, negative draws clamped to 0.
 *
 * @example
 * drawNs(makeDistribution({ kind: "constant", value: 2.6 }), new RngStreams(1).stream("s")) // => 3
 */
export function drawNs(dist: Distribution, rng: Rng): number {
  // The kernel counts integer ns; rounding keeps the mean (errors are within ±0.5 ns).
  const x = Math.round(dist.sample(rng));
  if (!(x <= MAX_DRAW_NS)) {
    // A heavy tail (pareto of a tiny shape, lognormal of a large sigma) can draw Infinity or a time
    // past the kernel's integer clock: the scenario's distribution is the thing to change.
    throw new InputError("scenario", "model", `inter-arrival and service distributions whose draws the kernel's clock can hold (one draw was ${x} ns, past 2^50 ns ≈ 13 days; a lighter tail: a larger pareto shape or a smaller lognormal sigma)`);
  }
  return x > 0 ? x : 0;
}

/**
 * How far a station run has come, in [0, 1], toward its stop (the N measured customers departed,
 * or the horizon, whichever comes first): warm-up customers count as they arrive and measured
 * ones as they depart, over W + N; or simulated time over `horizonNs` when that is further.
 *
 * @example
 * customerProgress({ arrived: 150, warmUp: 100, completed: 20, customers: 900 }) // => 0.12 // (100 + 20) / 1000
 * customerProgress({ arrived: 150, warmUp: 100, completed: 20, customers: 900, now: 5e9, horizonNs: 10e9 }) // => 0.5
 */
export function customerProgress(run: { arrived: number; warmUp: number; completed: number; customers: number; now?: number; horizonNs?: number }): number {
  const byCustomers = (Math.min(run.arrived, run.warmUp) + run.completed) / (run.warmUp + run.customers);
  const byTime = run.horizonNs !== undefined && run.horizonNs > 0 && run.now !== undefined ? run.now / run.horizonNs : 0;
  return Math.min(1, Math.max(byCustomers, byTime));
}

/**
 * One run's state and its two event handlers. The handlers are arrow properties created once
 * per run and take the customer index as event data, so the hot path allocates no closures.
 */
class Station {
  private busyServers = 0;
  /** FIFO of waiting customer indices. */
  private readonly queue = new IndexDeque();
  private readonly arrivalTimes: number[] = [];
  private readonly startTimes: number[] = [];
  /** Customers arrived so far. */
  nextCustomer = 0;
  completed = 0;
  waitSum = 0;
  responseSum = 0;
  readonly inQueue = new TimeIntegral(0);
  readonly inSystem = new TimeIntegral(0);
  readonly busy = new TimeIntegral(0);

  constructor(
    private readonly sim: Simulation,
    private readonly interarrival: Distribution,
    private readonly service: Distribution,
    private readonly arrivalRng: Rng,
    private readonly serviceRng: Rng,
    private readonly servers: number,
    private readonly firstMeasured: number,
    private readonly endMeasured: number,
  ) {}

  /** Start of the measurement window: the first measured arrival (or now if none yet). */
  windowStart(): number {
    return this.arrivalTimes[this.firstMeasured] ?? this.sim.now;
  }

  readonly arrive = (): void => {
    const sim = this.sim;
    const index = this.nextCustomer++;
    this.arrivalTimes.push(sim.now);
    if (index === this.firstMeasured) {
      // The measurement window opens with the first measured arrival.
      this.inQueue.reset(sim.now);
      this.inSystem.reset(sim.now);
      this.busy.reset(sim.now);
    }
    this.inSystem.add(sim.now, 1);
    if (this.busyServers < this.servers) this.startService(index);
    else {
      this.queue.push(index);
      this.inQueue.add(sim.now, 1);
    }
    // Arrivals continue past the last measured customer so the system stays in steady state.
    sim.schedule(drawNs(this.interarrival, this.arrivalRng), "station.arrival", this.arrive);
  };

  readonly depart = (index: number): void => {
    const sim = this.sim;
    this.busyServers--;
    this.busy.add(sim.now, -1);
    this.inSystem.add(sim.now, -1);
    if (index >= this.firstMeasured && index < this.endMeasured) {
      this.waitSum += this.startTimes[index] - this.arrivalTimes[index];
      this.responseSum += sim.now - this.arrivalTimes[index];
      if (++this.completed === this.endMeasured - this.firstMeasured) sim.stop();
    }
    if (this.queue.length > 0) {
      const next = this.queue.shift();
      this.inQueue.add(sim.now, -1);
      this.startService(next);
    }
  };

  private startService(index: number): void {
    this.busyServers++;
    this.busy.add(this.sim.now, 1);
    this.startTimes[index] = this.sim.now;
    this.sim.schedule(drawNs(this.service, this.serviceRng), "station.departure", this.depart, index);
  }
}

/**
 * Simulates a G/G/c FIFO queue on the event kernel: customers arrive with the inter-arrival
 * distribution (stream `"station.arrivals"`), are served by one of `servers` servers with the
 * service distribution (stream `"station.service"`), and the first `warmUpCustomers` are not
 * measured. The run stops when the N measured customers have all departed (or at `horizonNs`).
 * Throws an Error on invalid options.
 *
 * @example
 * const r = runQueueStation(
 *   { interarrival: { kind: "exponential", mean: 1_250_000 }, service: { kind: "exponential", mean: 1_000_000 },
 *     servers: 1, customers: 200_000, warmUpCustomers: 1_000 },
 *   new RngStreams(7), { fingerprint: true });
 * r.meanWaitNs // ≈ 3.8e6 // M/M/1, rho = 0.8: Wq = 4 ms; this seed is 4% below
 */
export function runQueueStation(options: QueueStationOptions, streams: RngStreams, run: QueueStationRunOptions = {}): QueueStationResult {
  const { servers, customers } = options;
  const warmUp = options.warmUpCustomers ?? 0;
  if (!Number.isInteger(servers) || servers < 1) throw new Error(`station.servers requires a positive integer, got ${servers}`);
  if (!Number.isInteger(customers) || customers < 1) throw new Error(`station.customers requires a positive integer, got ${customers}`);
  if (!Number.isInteger(warmUp) || warmUp < 0) throw new Error(`station.warmUpCustomers requires a non-negative integer, got ${warmUp}`);
  const sim = new Simulation({ fingerprint: run.fingerprint === true });
  const station = new Station(
    sim,
    makeDistribution(options.interarrival),
    makeDistribution(options.service),
    streams.stream("station.arrivals"),
    streams.stream("station.service"),
    servers,
    warmUp,
    warmUp + customers,
  );
  sim.schedule(0, "station.arrival", station.arrive);
  watchProgress(sim, run, () =>
    customerProgress({ arrived: station.nextCustomer, warmUp, completed: station.completed, customers, now: sim.now, horizonNs: options.horizonNs }),
  );
  sim.run(options.horizonNs ?? Infinity);
  const served = station.completed;
  return {
    meanWaitNs: served > 0 ? station.waitSum / served : 0,
    meanResponseNs: served > 0 ? station.responseSum / served : 0,
    utilisation: station.busy.mean(sim.now) / servers,
    meanInQueue: station.inQueue.mean(sim.now),
    meanInSystem: station.inSystem.mean(sim.now),
    customersServed: served,
    windowNs: sim.now - station.windowStart(),
    events: sim.eventsExecuted,
    fingerprint: sim.fingerprint(),
  };
}
