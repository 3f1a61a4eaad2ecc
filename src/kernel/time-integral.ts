/**
 * The integral over simulated time of a piecewise-constant quantity (busy servers, queue
 * length, store level), for time averages such as utilisation or mean queue length.
 * Update it on every change with the current time; reading never changes it.
 *
 * @example
 * const inQueue = new TimeIntegral(0);
 * inQueue.set(10, 2);     // 0 from t=0 to 10, then 2
 * inQueue.mean(20);       // => 1 // (0*10 + 2*10) / 20
 * inQueue.area(20);       // => 20 // item-ns
 */
export class TimeIntegral {
  /** Current value of the quantity. */
  value = 0;
  // The area so far [0] and the time of the last change [1], in a typed array: updating a
  // double there is a plain store, where a double field is a boxed number to load and write.
  private readonly state = new Float64Array(2);

  /** `start` is the time (ns) from which averages are taken. */
  constructor(private start = 0) {
    this.state[1] = start;
  }

  /** Sets the value from time `now` (ns) on. */
  set(now: number, value: number): void {
    const state = this.state;
    state[0] += this.value * (now - state[1]);
    state[1] = now;
    this.value = value;
  }

  /**
   * `set(clock.now, value)`, reading the time here: a hot caller then passes no time past
   * 2^31 ns into the call (a boxed number when the call is not inlined).
   *
   * @example
   * const busy = new TimeIntegral(0);
   * busy.setNow({ now: 10 }, 1);
   * busy.area(30) // => 20 // 0 until t = 10, then 1
   */
  setNow(clock: { readonly now: number }, value: number): void {
    this.set(clock.now, value);
  }

  /** Adds `delta` to the value from time `now` on. */
  add(now: number, delta: number): void {
    this.set(now, this.value + delta);
  }

  /** The integral from `start` to `now` (value × ns). */
  area(now: number): number {
    return this.state[0] + this.value * (now - this.state[1]);
  }

  /** The time average from `start` to `now` (0 for an empty interval). */
  mean(now: number): number {
    const span = now - this.start;
    return span > 0 ? this.area(now) / span : 0;
  }

  /**
   * Forgets the past: averages start again at `now` (e.g. after a warm-up), keeping the value.
   *
   * @example
   * const busy = new TimeIntegral(0);
   * busy.set(10, 1); // busy from t = 10 on
   * busy.reset(20); busy.mean(40) // => 1 // average over [20, 40] only
   */
  reset(now: number): void {
    this.state[0] = 0;
    this.state[1] = now;
    this.start = now;
  }
}
