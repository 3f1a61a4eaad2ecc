/** The typed arrays the kernel grows by doubling. */
type Growable = Float64Array | Int32Array;

/**
 * A copy of `array` with room for `capacity` elements (the rest zero), for doubling growth.
 *
 * @example
 * grown(Int32Array.of(1, 2), 4) // => Int32Array.of(1, 2, 0, 0)
 */
export function grown<T extends Growable>(array: T, capacity: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(capacity);
  bigger.set(array);
  return bigger;
}
