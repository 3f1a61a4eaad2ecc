import { SimEvent } from "./events.ts";
import type { Simulation } from "./simulation.ts";
import { TimeIntegral } from "./time-integral.ts";

/**
 * A FIFO buffer of items with a capacity (SimPy's Store). `put` waits while full, `get` waits
 * while empty; waiters are served first-come-first-served. The level is a time integral.
 *
 * @example
 * const q = new Store<string>(sim, 2);
 * q.put("a"); q.put("b"); q.put("c"); // "c" waits until a get makes room
 * const log: string[] = [];
 * sim.process(function* () { const x = yield q.get(); log.push(x as string); });
 * sim.run();
 * log // => ["a"]
 */
export class Store<T> {
  /** Items currently stored, oldest first. */
  readonly items: T[] = [];
  /** Time integral of the number of items stored. */
  readonly level: TimeIntegral;
  private readonly putters: Array<{ item: T; event: SimEvent<void> }> = [];
  private readonly getters: Array<SimEvent<T>> = [];

  constructor(
    readonly sim: Simulation,
    /** Maximum number of items (a positive integer or Infinity). */
    readonly capacity = Infinity,
  ) {
    if (!(capacity >= 1)) throw new Error(`store.capacity requires at least 1, got ${capacity}`);
    this.level = new TimeIntegral(sim.now);
  }

  /**
   * Adds `item`; the event succeeds once it is stored (immediately when there is room).
   *
   * @example
   * const q = new Store<string>(sim, 1);
   * const log: string[] = [];
   * sim.process(function* () {
   *   yield q.put("job 1");
   *   yield q.put("job 2"); // waits for room
   *   log.push(`room at ${sim.now}`);
   * });
   * sim.schedule(50, "example.event", () => q.get());
   * sim.run();
   * log // => ["room at 50"]
   */
  put(item: T): SimEvent<void> {
    const event = new SimEvent<void>(this.sim);
    this.putters.push({ item, event });
    this.settle();
    return event;
  }

  /**
   * Takes the oldest item; the event succeeds with it once one is available.
   *
   * @example
   * const q = new Store<string>(sim);
   * let got = "";
   * sim.process(function* () { const job = yield q.get(); got = `${job as string} at ${sim.now}`; });
   * sim.schedule(7, "example.event", () => q.put("job"));
   * sim.run();
   * got // => "job at 7"
   */
  get(): SimEvent<T> {
    const event = new SimEvent<T>(this.sim);
    this.getters.push(event);
    this.settle();
    return event;
  }

  /** Matches waiting puts with room and waiting gets with items until neither can proceed. */
  private settle(): void {
    let progressed = true;
    while (progressed) {
      progressed = false;
      if (this.putters.length > 0 && this.items.length < this.capacity) {
        const { item, event } = this.putters.shift() as { item: T; event: SimEvent<void> };
        this.items.push(item);
        event.succeed();
        progressed = true;
      }
      if (this.getters.length > 0 && this.items.length > 0) {
        (this.getters.shift() as SimEvent<T>).succeed(this.items.shift() as T);
        progressed = true;
      }
    }
    this.level.setNow(this.sim, this.items.length);
  }
}
