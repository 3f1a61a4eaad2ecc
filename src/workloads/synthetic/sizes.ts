import { aliasTable, drawAlias } from "../../kernel/distributions.ts";
import type { Rng } from "../../kernel/rng.ts";
import type { SizeTable } from "./calibration.ts";

/**
 * A sampler of request sizes from a {@link SizeTable} (alias method: one uniform per draw).
 *
 * @example
 * sizeSampler({ bytes: [4096, 65536], weights: [1, 0] })(rng) // => 4096
 */
export function sizeSampler(table: SizeTable): (rng: Rng) => number {
  const alias = aliasTable(table.weights);
  return (rng) => table.bytes[drawAlias(alias, rng)];
}

/**
 * A draw from an exponential distribution with the given mean, rounded to whole µs.
 *
 * @example
 * exponentialUs({ double: () => 0.5 }, 1000) // => 693
 */
export function exponentialUs(rng: Rng, meanUs: number): number {
  return Math.round(-meanUs * Math.log(1 - rng.double())) + 0; // + 0 turns -0 into 0
}
