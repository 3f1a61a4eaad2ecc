import seedrandom from "seedrandom";

/**
 * A source of uniform random numbers. Every stochastic component takes one of these as an
 * argument (never `Math.random`), so tests can seed it and policies stay pure.
 */
export interface Rng {
  /** A uniform double in [0, 1) with 53 bits of randomness. */
  double(): number;
}

/**
 * Derives independent, named random streams from one master seed. The stream for a name depends
 * only on the master seed and the name, so adding a component never shifts another's stream and
 * two scenarios that differ only in a policy draw the same numbers (common random numbers).
 *
 * @example
 * const streams = new RngStreams(7);
 * streams.stream("arrivals").double() === new RngStreams(7).stream("arrivals").double() // => true
 */
export class RngStreams {
  private readonly streams = new Map<string, Rng>();
  constructor(readonly masterSeed: number | string) {}

  /** The stream named `name` (created on first use, then the same object every time). */
  stream(name: string): Rng {
    let rng = this.streams.get(name);
    if (!rng) {
      // xor4096 has a long period and a fast .double(); the key joins seed and name unambiguously.
      const generator = seedrandom.xor4096(`${String(this.masterSeed)}\u0000${name}`);
      rng = { double: () => generator.double() };
      this.streams.set(name, rng);
    }
    return rng;
  }
}
