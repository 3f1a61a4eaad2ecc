/**
 * The same M/M/1 model (λ = 0.8, μ = 1 per ms, integer-ns times) written six ways, for the
 * kernel benchmark: our callback API, our generator processes (waiting for time with timeout
 * events, or with yielded delays), our state-machine processes
 * (`ProcessSteps`), a bare hand-written heap loop (the machine's limit), and simjs 2.0.3. All use one cheap inline RNG so only the kernels differ.
 * Each returns the number of model events (arrivals + departures) it executed.
 */
import { createRequire } from "node:module";
import type { SimEvent } from "../src/kernel/events.ts";
import type { ProcessSteps } from "../src/kernel/process.ts";
import { Request, Resource } from "../src/kernel/resource.ts";
import { Simulation } from "../src/kernel/simulation.ts";

const MEAN_INTERARRIVAL_NS = 1_250_000;
const MEAN_SERVICE_NS = 1_000_000;

/** mulberry32: a tiny fast PRNG, so random-number cost is small and equal across variants. */
function makeExp(seed: number): (mean: number) => number {
  let a = seed >>> 0;
  return (mean) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.round(-mean * Math.log(1 - u));
  };
}

/**
 * Our kernel, callback API: two event kinds, no closures per event.
 *
 * @example
 * mm1Callback(100_000) // => 200000 (events)
 */
export function mm1Callback(customers: number): number {
  const sim = new Simulation({ initialCapacity: 16 });
  const exp = makeExp(1);
  let arrived = 0;
  let inSystem = 0;
  const depart = (): void => {
    inSystem--;
    if (inSystem > 0) sim.schedule(exp(MEAN_SERVICE_NS), "bench.event", depart);
  };
  const arrive = (): void => {
    inSystem++;
    if (inSystem === 1) sim.schedule(exp(MEAN_SERVICE_NS), "bench.event", depart);
    if (++arrived < customers) sim.schedule(exp(MEAN_INTERARRIVAL_NS), "bench.event", arrive);
  };
  sim.schedule(0, "bench.event", arrive);
  return sim.run();
}

/**
 * Our kernel, process API: a source process spawns one process per customer, which holds a
 * one-server Resource for its service time (SimPy style).
 *
 * @example
 * mm1Process(100_000) // => 200000 (model events; kernel events are more: see mm1ProcessKernelEvents)
 */
export function mm1Process(customers: number): number {
  runMm1Process(customers);
  return 2 * customers;
}

/**
 * Kernel events the process-API M/M/1 executes per customer (the callback model needs 2): the
 * customer's start, its service timeout, the source's interarrival timeout, and a grant event
 * for each customer who waits (1 − ρ of them find the server free).
 *
 * @example
 * mm1ProcessKernelEvents(100_000) // => about 3.8
 */
export function mm1ProcessKernelEvents(customers: number): number {
  return runMm1Process(customers).eventsExecuted / customers;
}

/** The generator M/M/1; with `delays` the waits for time are yielded delays instead of timeout events. */
function runMm1Process(customers: number, delays = false): Simulation {
  const sim = new Simulation({ initialCapacity: 16 });
  const server = new Resource(sim, { capacity: 1 });
  const exp = makeExp(1);
  const wait = (ns: number) => (delays ? ns : sim.timeout(ns));
  function* customer() {
    const req = server.request();
    yield req;
    yield wait(exp(MEAN_SERVICE_NS));
    server.release(req);
  }
  sim.process(function* source() {
    for (let i = 0; i < customers; i++) {
      sim.process(customer());
      if (i + 1 < customers) yield wait(exp(MEAN_INTERARRIVAL_NS));
    }
  });
  sim.run();
  return sim;
}

/**
 * Our kernel, generator processes that wait for time by yielding a delay in ns instead of a
 * timeout event (`yield exp(…)` for `yield sim.timeout(exp(…))`): the same model as
 * {@link mm1Process}, the same kernel events in the same order, with no SimEvent per wait.
 *
 * @example
 * mm1ProcessDelays(100_000) // => 200000 (model events)
 */
export function mm1ProcessDelays(customers: number): number {
  runMm1Process(customers, true);
  return 2 * customers;
}

/**
 * Our kernel, state-machine processes (`ProcessSteps`, `sim.stepProcess`): the same model as
 * {@link mm1Process} — a source process, one process per customer holding a one-server
 * Resource — with each body a `resume` method instead of a generator, and the waits for time
 * returned as delays (ns) instead of timeout events. Same kernel events per customer, in the
 * same order (test/kernel/process.test.ts checks the waits against the generator model).
 *
 * @example
 * mm1StepProcess(100_000) // => 200000 (model events)
 */
export function mm1StepProcess(customers: number): number {
  runMm1StepProcess(customers);
  return 2 * customers;
}

/**
 * Kernel events per customer of the state-machine M/M/1 (as {@link mm1ProcessKernelEvents}).
 *
 * @example
 * mm1StepProcessKernelEvents(100_000) // => about 3.8
 */
export function mm1StepProcessKernelEvents(customers: number): number {
  return runMm1StepProcess(customers).eventsExecuted / customers;
}

function runMm1StepProcess(customers: number): Simulation {
  const sim = new Simulation({ initialCapacity: 16 });
  sim.stepProcess(new StepSource(sim, new Resource(sim, { capacity: 1 }), makeExp(1), customers), "source");
  sim.run();
  return sim;
}

/** The step-process M/M/1's customer: request the server, hold it for a service time, release. */
class StepCustomer implements ProcessSteps<undefined> {
  private state = 0;
  private request: Request | null = null;

  constructor(private readonly sim: Simulation, private readonly server: Resource, private readonly exp: (mean: number) => number) {}

  resume(): SimEvent<unknown> | number | null {
    switch (this.state++) {
      case 0:
        return (this.request = this.server.request()); // wait for the server
      case 1:
        return this.exp(MEAN_SERVICE_NS); // served: wait the service time
      default:
        this.server.release(this.request as Request);
        return null;
    }
  }
}

/** The step-process M/M/1's source: a customer process now, then an interarrival time. */
class StepSource implements ProcessSteps<undefined> {
  private started = 0;

  constructor(private readonly sim: Simulation, private readonly server: Resource, private readonly exp: (mean: number) => number, private readonly customers: number) {}

  resume(): number | null {
    this.sim.stepProcess(new StepCustomer(this.sim, this.server, this.exp), "customer");
    if (++this.started < this.customers) return this.exp(MEAN_INTERARRIVAL_NS);
    return null;
  }
}

/**
 * A minimal hand-written event loop: typed-array binary heap of (time, seq, kind).
 *
 * @example
 * mm1BareLoop(100_000) // => 200000
 */
export function mm1BareLoop(customers: number): number {
  const exp = makeExp(1);
  let cap = 16;
  let times = new Float64Array(cap);
  let seqs = new Float64Array(cap);
  let kinds = new Int32Array(cap);
  let size = 0;
  let seq = 0;
  const push = (time: number, kind: number): void => {
    if (size === cap) {
      cap *= 2;
      const t = new Float64Array(cap); t.set(times); times = t;
      const s = new Float64Array(cap); s.set(seqs); seqs = s;
      const k = new Int32Array(cap); k.set(kinds); kinds = k;
    }
    const sq = seq++;
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (times[p] < time || (times[p] === time && seqs[p] < sq)) break;
      times[i] = times[p]; seqs[i] = seqs[p]; kinds[i] = kinds[p];
      i = p;
    }
    times[i] = time; seqs[i] = sq; kinds[i] = kind;
  };
  const popInto = (): number => {
    const kind = kinds[0];
    const n = --size;
    const t = times[n], s = seqs[n], k = kinds[n];
    let i = 0;
    while (2 * i + 1 < n) {
      let c = 2 * i + 1;
      if (c + 1 < n && (times[c + 1] < times[c] || (times[c + 1] === times[c] && seqs[c + 1] < seqs[c]))) c++;
      if (times[c] > t || (times[c] === t && seqs[c] > s)) break;
      times[i] = times[c]; seqs[i] = seqs[c]; kinds[i] = kinds[c];
      i = c;
    }
    times[i] = t; seqs[i] = s; kinds[i] = k;
    return kind;
  };
  let now = 0;
  let arrived = 0;
  let inSystem = 0;
  let events = 0;
  push(0, 0);
  while (size > 0) {
    now = times[0];
    const kind = popInto();
    events++;
    if (kind === 0) {
      inSystem++;
      if (inSystem === 1) push(now + exp(MEAN_SERVICE_NS), 1);
      if (++arrived < customers) push(now + exp(MEAN_INTERARRIVAL_NS), 0);
    } else {
      inSystem--;
      if (inSystem > 0) push(now + exp(MEAN_SERVICE_NS), 1);
    }
  }
  return events;
}

interface SimjsRequest {
  done(callback: () => void): SimjsRequest;
}
interface SimjsEntity {
  setTimer(duration: number): SimjsRequest;
}
interface SimjsModule {
  Sim: new () => { addEntity(klass: unknown): SimjsEntity; simulate(endTime: number): boolean };
  Entity: new (...args: unknown[]) => SimjsEntity;
}

let simjsModule: SimjsModule | null = null;

/**
 * Loads simjs 2.0.3. Its package is a browserify bundle whose entry module assigns its API only
 * to `window.Sim` (module.exports stays empty under Node), so we provide a temporary `window`.
 */
function loadSimjs(): SimjsModule {
  if (simjsModule !== null) return simjsModule;
  const g = globalThis as { window?: { Sim?: SimjsModule } };
  const hadWindow = "window" in g;
  if (!hadWindow) g.window = {};
  try {
    createRequire(import.meta.url)("simjs");
    const mod = g.window?.Sim;
    if (mod === undefined) throw new Error("simjs did not define window.Sim");
    simjsModule = mod;
    return mod;
  } finally {
    if (!hadWindow) delete g.window;
  }
}

/**
 * simjs 2.0.3 (CommonJS, loaded with createRequire), the same model with `setTimer().done()`.
 *
 * @example
 * mm1Simjs(100_000) // => 200000
 */
export function mm1Simjs(customers: number): number {
  const simjs = loadSimjs();
  const exp = makeExp(1);
  let arrived = 0;
  let inSystem = 0;
  let events = 0;
  class Station extends simjs.Entity {
    start(): void {
      this.setTimer(0).done(this.arrive);
    }
    arrive = (): void => {
      events++;
      inSystem++;
      if (inSystem === 1) this.setTimer(exp(MEAN_SERVICE_NS)).done(this.depart);
      if (++arrived < customers) this.setTimer(exp(MEAN_INTERARRIVAL_NS)).done(this.arrive);
    };
    depart = (): void => {
      events++;
      inSystem--;
      if (inSystem > 0) this.setTimer(exp(MEAN_SERVICE_NS)).done(this.depart);
    };
  }
  const sim = new simjs.Sim();
  sim.addEntity(Station);
  sim.simulate(Number.MAX_SAFE_INTEGER);
  return events;
}
